package dev.hollerith.outbound.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves and checks in one step: the HTTP client connects only to the addresses returned here,
 * so a name cannot resolve to a public address for the check and to a private one for the
 * connection (DNS rebinding). Every redirect hop resolves through here too.
 */
class GuardedDnsResolver implements DnsResolver {

    private final DestinationPolicy policy;

    GuardedDnsResolver(DestinationPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(DestinationPolicy.normalize(host));
        if (policy.isHostListed(host)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                throw new RefusedAddress(host + ": " + refusal.get());
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    /** An UnknownHostException so that the client gives up on the host at once. */
    static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String message) {
            super(message);
        }
    }
}
