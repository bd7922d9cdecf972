package io.ganflow.gateway.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;

/**
 * Whether a browser sent a request from one of the gateway's own pages. A request that any site could have made a
 * browser send (the UI's cookie goes with every request to the gateway, whoever starts it) may change nothing unless
 * it says so: {@code Sec-Fetch-Site: same-origin}, or, from a browser that does not send that header, an
 * {@code Origin} whose host and port are the ones the request was sent to.
 */
final class SameOrigin {

    private SameOrigin() {}

    static boolean holds(ContainerRequestContext request) {
        String site = request.getHeaderString("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin");
        }
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return false;
        }
        // the host and port the client called (Host in HTTP/1.1, :authority in HTTP/2); behind a proxy that ends
        // TLS the scheme differs from the page's, so a missing port is the default of the page's scheme
        URI called = request.getUriInfo().getRequestUri();
        try {
            URI from = URI.create(origin.trim());
            return from.getHost() != null
                    && called.getHost() != null
                    && from.getHost().equalsIgnoreCase(called.getHost())
                    && port(from, from.getPort()) == port(from, called.getPort());
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed page) or garbage: not us
        }
    }

    private static int port(URI page, int port) {
        if (port != -1) {
            return port;
        }
        return "https".equalsIgnoreCase(page.getScheme()) ? 443 : 80;
    }
}
