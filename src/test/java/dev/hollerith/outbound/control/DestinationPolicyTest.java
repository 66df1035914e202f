package dev.hollerith.outbound.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationPolicyTest {

    private final DestinationPolicy strict = new DestinationPolicy("");

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "169.254.169.254", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.10", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1",
            "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe"})
    void refusesNonPublicAddresses(String address) throws UnknownHostException {
        assertTrue(strict.refusal(InetAddress.getByName(address)).isPresent(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "2001:4860:4860::8888", "2606:4700::1111"})
    void allowsPublicAddresses(String address) throws UnknownHostException {
        assertFalse(strict.refusal(InetAddress.getByName(address)).isPresent(), address);
    }

    @Test
    void operatorMayAllowNetworksAndHostNames() throws UnknownHostException {
        DestinationPolicy lan = new DestinationPolicy("192.168.1.0/24, 127.0.0.1/32, homeassistant.local, *.lan");
        assertFalse(lan.refusal(InetAddress.getByName("192.168.1.40")).isPresent());
        assertTrue(lan.refusal(InetAddress.getByName("192.168.2.40")).isPresent());
        assertFalse(lan.refusal(InetAddress.getByName("127.0.0.1")).isPresent());
        assertTrue(lan.refusal(InetAddress.getByName("127.0.0.2")).isPresent());
        assertTrue(lan.refusal(InetAddress.getByName("::1")).isPresent());
        assertTrue(lan.isHostListed("HomeAssistant.local."));
        assertTrue(lan.isHostListed("ha.lan"));
        assertFalse(lan.isHostListed("lan"));
        assertFalse(lan.isHostListed("evil.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"::127.0.0.1", "::ffff:0:127.0.0.1", "::ffff:0:a9fe:a9fe", "::10.0.0.1", "::ffff:0:192.168.1.1",
            "2002:7f00:1::1", "2002:a9fe:a9fe::", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "64:ff9b:1::a00:1"})
    void refusesIpv6FormsThatEmbedANonPublicIpv4Address(String address) throws UnknownHostException {
        assertTrue(strict.refusal(InetAddress.getByName(address)).isPresent(), address);
    }

    @Test
    void listingAnIpv4NetworkDoesNotOpenItsIpv6Embeddings() throws UnknownHostException {
        DestinationPolicy lan = new DestinationPolicy("127.0.0.1/32");
        assertFalse(lan.refusal(InetAddress.getByName("127.0.0.1")).isPresent());
        assertTrue(lan.refusal(InetAddress.getByName("::ffff:0:127.0.0.1")).isPresent());
        assertTrue(lan.refusal(InetAddress.getByName("::127.0.0.1")).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"::8.8.8.8", "::ffff:0:8.8.8.8", "2002:808:808::1"})
    void allowsIpv6FormsThatEmbedAPublicIpv4Address(String address) throws UnknownHostException {
        assertFalse(strict.refusal(InetAddress.getByName(address)).isPresent(), address);
    }

    // validation only: these spellings are never resolved or connected to
    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1", "0x7f000001", "0x7F.0.0.1", "2130706433", "127.1", "127.0.1", "010.0.0.1", "127.000.0.1",
            "1.2.3.4.5", "256.1.1.1", "1.2.3.04", "0x", "[::ffff:0177.0.0.1]", "[fe80::1%25eth0]", "example.0x10", "example.123"})
    void refusesAmbiguousNumericHostSpellings(String host) {
        assertTrue(DestinationPolicy.ambiguity(host).isPresent(), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "127.0.0.1", "0.0.0.0", "255.255.255.255", "example.com", "api.openweathermap.org",
            "0x7f.example.com", "123.example.com", "[::1]", "[::ffff:127.0.0.1]", "1.2.3.4.", "xn--bcher-kva.example"})
    void acceptsUnambiguousHostSpellings(String host) {
        assertFalse(DestinationPolicy.ambiguity(host).isPresent(), host);
    }
}
