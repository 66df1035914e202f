package dev.hollerith.outbound.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

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
}
