package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Refuses deliveries to loopback, private, link-local, unique-local and cloud metadata addresses, checked on every
 * address the host resolves to (so a public name pointing inside is refused too). The allow-list admits in-cluster
 * targets by host name, address or CIDR range.
 */
@ApplicationScoped
public class SsrfGuard {

    /** Name resolution, replaceable in tests to simulate DNS answers. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * The outcome of vetting a URL: the address to connect to (the only one: the HTTP client must not resolve the
     * name again), or why not.
     *
     * @param address   the vetted address to connect to, null when refused or unresolvable
     * @param refusal   why the URL is refused (an internal address), null otherwise
     * @param error     why the host could not be resolved (a transient failure, retried), null otherwise
     */
    public record Verdict(InetAddress address, String refusal, String error) {
    }

    /** Cloud metadata services by name: refused even where the name does not resolve (it does inside the cloud). */
    static final java.util.Set<String> METADATA_HOSTS = java.util.Set.of("metadata.google.internal", "metadata.goog",
            "metadata", "instance-data", "instance-data.ec2.internal", "metadata.azure.internal");

    private final boolean allowLoopback;
    private final java.util.Set<Integer> refusedLoopbackPorts;
    private final List<String> allowList;
    private final Resolver resolver;

    @Inject
    public SsrfGuard(WebhookConfig config) {
        this(config, InetAddress::getAllByName);
    }

    public SsrfGuard(WebhookConfig config, Resolver resolver) {
        this.allowLoopback = config.ssrf().allowLoopback();
        this.refusedLoopbackPorts = java.util.Set.copyOf(config.ssrf().refusedLoopbackPorts().orElse(List.of()));
        this.allowList = config.ssrf().allowList().orElse(List.of());
        this.resolver = resolver;
    }

    /** Null when {@code url} may be called, else why not. Resolves DNS: call it on a worker thread. */
    public String refusal(String url) {
        return vet(url).refusal();
    }

    /**
     * Resolves the URL's host once and checks every address; the first address is the one to connect to. Resolves
     * DNS: call it on a worker thread.
     */
    public Verdict vet(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (host == null) {
            return new Verdict(null, "URL has no host", null);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String bare = host.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", "");
        if (METADATA_HOSTS.contains(bare) && allowList.stream().noneMatch(a -> a.equalsIgnoreCase(bare))) {
            return new Verdict(null, host + " is a cloud metadata service", null);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new Verdict(null, null, "UnknownHostException: " + host);
        }
        if (addresses.length == 0) {
            return new Verdict(null, null, "UnknownHostException: " + host);
        }
        String name = host;
        if (allowList.stream().noneMatch(a -> a.equalsIgnoreCase(name))) {
            for (InetAddress a : addresses) {
                String why = refusal(a);
                if (why == null && a.isLoopbackAddress() && refusedLoopbackPorts.contains(port)) {
                    why = "port " + port + " is one of the platform's own";
                }
                if (why != null && allowList.stream().noneMatch(entry -> Cidr.contains(entry, a))) {
                    return new Verdict(null, host + " resolves to " + a.getHostAddress() + " (" + why + ")", null);
                }
            }
        }
        return new Verdict(addresses[0], null, null);
    }

    private String refusal(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return allowLoopback ? null : "loopback";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address && isV4Mapped(b)) {
            try {
                return refusal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
            } catch (UnknownHostException e) {
                return "invalid address";
            }
        }
        if (a.isAnyLocalAddress()) {
            return "unspecified address";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local or metadata address";
        }
        if (a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return "private address";
        }
        if (b.length == 4 && ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64)) {
            return "carrier-grade NAT address";
        }
        if (b.length == 16 && (b[0] & 0xfe) == 0xfc) {
            return "unique-local IPv6 address";
        }
        return null;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** CIDR or single-address matching for allow-list entries. */
    static final class Cidr {
        private Cidr() {
        }

        static boolean contains(String entry, InetAddress a) {
            try {
                String[] parts = entry.split("/");
                if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                    return false; // a host name, matched before resolution
                }
                byte[] net = InetAddress.getByName(parts[0]).getAddress();
                byte[] addr = a.getAddress();
                if (net.length != addr.length) {
                    return false;
                }
                int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : net.length * 8;
                for (int i = 0; i < bits; i++) {
                    int mask = 0x80 >> (i % 8);
                    if ((net[i / 8] & mask) != (addr[i / 8] & mask)) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException | NumberFormatException e) {
                return false;
            }
        }
    }
}
