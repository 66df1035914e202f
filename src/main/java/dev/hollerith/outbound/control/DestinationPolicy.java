package dev.hollerith.outbound.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which addresses the server may call on a tenant's behalf. Public unicast addresses are allowed;
 * loopback, private, link-local (cloud metadata lives there), CGNAT, multicast, unspecified,
 * unique-local, IPv4-mapped and other special-purpose addresses are refused unless an operator
 * lists them (CIDRs or host names, e.g. a Home Assistant on the LAN).
 */
public final class DestinationPolicy {

    // compiled once: every outbound request is checked (String.matches compiled these for each of thousands of pulls a second)
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    private static final Pattern HEXADECIMAL = Pattern.compile("(?i)0x[0-9a-f]*");
    private static final Pattern IPV4_PART = Pattern.compile("0|[1-9][0-9]{0,2}");

    private static final List<Cidr> REFUSED = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"),
            Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.0.0.0/24"), Cidr.parse("192.0.2.0/24"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"), Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24"),
            Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"),
            Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("64:ff9b::/96"), Cidr.parse("64:ff9b:1::/48"),
            Cidr.parse("100::/64"), Cidr.parse("2001::/32"), Cidr.parse("2001:2::/48"), Cidr.parse("2001:db8::/32"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"),
            Cidr.parse("ff00::/8"));

    private final List<Cidr> allowedNetworks = new ArrayList<>();
    private final List<String> allowedHosts = new ArrayList<>();

    /** @param allowList comma-separated CIDRs ({@code 192.168.1.0/24}), addresses, or host names ({@code ha.lan}, {@code *.lan}) */
    public DestinationPolicy(String allowList) {
        for (String entry : allowList == null ? new String[0] : allowList.split(",")) {
            String item = entry.trim().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            Optional<Cidr> network = Cidr.tryParse(item);
            if (network.isPresent()) {
                allowedNetworks.add(network.get());
            } else {
                allowedHosts.add(item);
            }
        }
    }

    public boolean isHostListed(String host) {
        String name = normalize(host);
        for (String allowed : allowedHosts) {
            if (allowed.equals(name) || (allowed.startsWith("*.") && name.endsWith(allowed.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    /** @return empty when the address may be called, else the reason it may not */
    public Optional<String> refusal(InetAddress address) {
        for (Cidr allowed : allowedNetworks) {
            if (allowed.contains(address)) {
                return Optional.empty();
            }
        }
        for (Cidr refused : REFUSED) {
            if (refused.contains(address)) {
                return Optional.of("destination " + address.getHostAddress() + " is in a non-public network (" + refused + ")"
                        + "; an operator may allow it with HOLLERITH_OUTBOUND_ALLOW");
            }
        }
        // an IPv6 address that carries an IPv4 one (compatible ::a.b.c.d, mapped, translated
        // ::ffff:0:a.b.c.d, 6to4) may be delivered to that IPv4 address by the stack or a gateway:
        // it is as refused as the address it carries, whatever the operator listed
        Optional<InetAddress> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            for (Cidr refused : REFUSED) {
                if (refused.contains(embedded.get())) {
                    return Optional.of("destination " + address.getHostAddress() + " embeds the non-public IPv4 address "
                            + embedded.get().getHostAddress() + " (" + refused + ")");
                }
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-compatible, -mapped, -translated or 6to4 IPv6 address. */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return Optional.empty();
        }
        int from;
        if (zeros(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
            from = 12; // ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped)
        } else if (zeros(b, 0, 8) && b[8] == (byte) 0xff && b[9] == (byte) 0xff && b[10] == 0 && b[11] == 0) {
            from = 12; // ::ffff:0:a.b.c.d (translated, RFC 2765)
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            from = 2; // 2002:aabb:ccdd::/48 (6to4)
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]}));
        } catch (UnknownHostException impossible) {
            return Optional.empty();
        }
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses host spellings that parsers read differently: {@code 0177.0.0.1} is 177.0.0.1 to Java
     * and 127.0.0.1 to inet_aton, {@code 0x7f000001} and {@code 2130706433} are 127.0.0.1 to some
     * and DNS names to others, {@code 127.1} is short for 127.0.0.1. A host whose last label is a
     * number is taken as an IPv4 address and must be four decimal parts without leading zeros;
     * an IPv4 part inside an IPv6 literal too. Never resolves anything.
     *
     * @return empty when the host is unambiguous, else why it is refused
     */
    public static Optional<String> ambiguity(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String name = host;
        if (name.startsWith("[")) {
            if (!name.endsWith("]") || name.indexOf('%') >= 0) {
                return Optional.of("the IPv6 address " + host + " is not a plain IPv6 literal (no zone ids)");
            }
            String literal = name.substring(1, name.length() - 1);
            int lastColon = literal.lastIndexOf(':');
            String tail = literal.substring(lastColon + 1);
            if (tail.indexOf('.') >= 0 && !isDottedDecimal(tail)) {
                return Optional.of("the IPv4 part of " + host + " must be four decimal numbers without leading zeros");
            }
            return Optional.empty();
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String[] labels = name.split("\\.", -1);
        String last = labels[labels.length - 1];
        boolean numeric = DECIMAL.matcher(last).matches() || HEXADECIMAL.matcher(last).matches();
        if (numeric && !isDottedDecimal(name)) {
            return Optional.of("the host " + host + " is an ambiguous numeric address (leading zeros, hexadecimal, a single number "
                    + "or fewer than four parts): write an IPv4 address as four decimal numbers like 8.8.8.8");
        }
        return Optional.empty();
    }

    private static boolean isDottedDecimal(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!IPV4_PART.matcher(part).matches() || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static String normalize(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** An IPv4 or IPv6 network. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            return tryParse(text).orElseThrow(() -> new IllegalArgumentException("Not a CIDR: " + text));
        }

        static Optional<Cidr> tryParse(String text) {
            String[] parts = text.split("/", 2);
            String address = parts[0];
            if (!address.matches("[0-9.]+") && !address.contains(":")) {
                return Optional.empty();
            }
            try {
                byte[] bytes = InetAddress.getByName(address).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
                if (prefix < 0 || prefix > bytes.length * 8) {
                    return Optional.empty();
                }
                return Optional.of(new Cidr(bytes, prefix));
            } catch (UnknownHostException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        boolean contains(InetAddress address) {
            // Java turns IPv4-mapped IPv6 ("::ffff:127.0.0.1") into an Inet4Address, so mapped
            // addresses meet the IPv4 rules here and cannot sneak past them
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest);
            return (candidate[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
            } catch (UnknownHostException e) {
                return "?/" + prefix;
            }
        }
    }
}
