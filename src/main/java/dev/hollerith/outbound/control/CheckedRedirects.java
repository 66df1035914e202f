package dev.hollerith.outbound.control;

import java.net.URI;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Every redirect target meets the same form checks as the first URL (scheme, host spelling, no user
 * information) before it is followed; its addresses are checked when it resolves
 * ({@link GuardedDnsResolver}), as for every connection.
 */
final class CheckedRedirects extends DefaultRedirectStrategy {

    /** A redirect target that may not be followed; the message names no URL. */
    static final class Refused extends ProtocolException {
        Refused(String message) {
            super(message);
        }
    }

    @Override
    public URI getLocationURI(HttpRequest request, HttpResponse response, HttpContext context) throws HttpException {
        URI location = super.getLocationURI(request, response, context);
        try {
            OutboundHttp.checkForm(location);
        } catch (OutboundRefused refused) {
            throw new Refused(refused.getMessage());
        }
        return location;
    }
}
