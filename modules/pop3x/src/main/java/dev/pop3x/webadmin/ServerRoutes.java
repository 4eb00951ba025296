package dev.pop3x.webadmin;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.server.Pop3xServers;
import spark.Service;

/**
 * pop3x's POP3 listeners in WebAdmin, from {@code webadmin.properties}
 * ({@code extensions.routes=dev.pop3x.webadmin.ServerRoutes}):
 *
 * <pre>
 * POST /pop3x/servers?reload-certificate   reads the listeners' keystores again (a renewed certificate), for the
 *                                          connections to come, as James's POST /servers?reload-certificate does
 *                                          for James's own listeners (204)
 * </pre>
 */
public final class ServerRoutes implements Routes {
    static final String BASE = "/pop3x/servers";
    private static final Logger LOGGER = LoggerFactory.getLogger(ServerRoutes.class);

    private final Pop3xServers servers;

    @Inject
    public ServerRoutes(Pop3xServers servers) {
        this.servers = servers;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.post(BASE, (request, response) -> {
            if (!request.queryParams().contains("reload-certificate")) {
                throw BadRequest.because("Say what to do: ?reload-certificate");
            }
            try {
                int reloaded = servers.reloadCertificates();
                LOGGER.info("TLS certificates of {} pop3x POP3 listeners reloaded, asked by WebAdmin client {}", reloaded, request.ip());
            } catch (Exception e) {
                LOGGER.error("Reloading the TLS certificates of pop3x's POP3 listeners failed", e);
                throw ErrorResponder.builder().statusCode(HttpStatus.INTERNAL_SERVER_ERROR_500).type(ErrorResponder.ErrorType.SERVER_ERROR)
                    .message("Cannot reload the certificates: " + e.getMessage()).cause(e).haltError();
            }
            response.status(HttpStatus.NO_CONTENT_204);
            return "";
        });
    }
}
