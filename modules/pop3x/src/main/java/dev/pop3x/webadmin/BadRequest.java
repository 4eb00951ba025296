package dev.pop3x.webadmin;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;

/** A WebAdmin request pop3x's routes cannot act on: a 400 answer saying why. */
final class BadRequest {
    private BadRequest() {
    }

    static RuntimeException because(String message) {
        return ErrorResponder.builder().statusCode(HttpStatus.BAD_REQUEST_400).type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
            .message(message).haltError();
    }
}
