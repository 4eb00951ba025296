package dev.pop3x.webadmin;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;

import spark.Request;

/** The {@code :user} of a route: a user James knows, or a 400 or 404 answer. */
final class UserParameter {
    private UserParameter() {
    }

    static Username existing(Request request, UsersRepository users) throws UsersRepositoryException {
        Username user;
        try {
            user = Username.of(request.params("user"));
        } catch (IllegalArgumentException e) {
            throw BadRequest.because("Not a user name: " + request.params("user"));
        }
        if (!users.contains(user)) {
            throw ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("No user " + user.asString()).haltError();
        }
        return user;
    }
}
