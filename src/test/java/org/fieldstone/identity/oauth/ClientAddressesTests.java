package org.fieldstone.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard's address rule for client metadata documents: every refused class, IPv6 forms, names. */
class ClientAddressesTests {

    @ParameterizedTest
    @ValueSource(strings = {
            "0.0.0.0", "0.1.2.3", // unspecified, "this network"
            "127.0.0.1", "127.255.0.9", // loopback
            "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", // private
            "100.64.0.1", "100.127.255.254", // CGNAT
            "169.254.169.254", // link-local (cloud metadata)
            "224.0.0.1", "239.255.255.250", // multicast
            "240.0.0.1", "255.255.255.255", // reserved, broadcast
            "::", "::1", // unspecified, loopback
            "fe80::1", "febf::1", // link-local
            "fec0::1", // site-local
            "fc00::1", "fd12:3456::1", // unique local
            "ff02::1", "ff0e::1", // multicast
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:100.64.0.1", // IPv4-mapped
            "::127.0.0.1", "::10.1.2.3", // IPv4-compatible
            "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", // NAT64 of loopback, link-local
            "2002:7f00:1::", "2002:c0a8:101::1" // 6to4 of loopback, private
    })
    void refusesNonPublicAddresses(String literal) throws Exception {
        assertThat(ClientAddresses.publicAddress(InetAddress.getByName(literal))).as(literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1",
            "192.169.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void allowsPublicAddresses(String literal) throws Exception {
        assertThat(ClientAddresses.publicAddress(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedUnlessAllowed() throws Exception {
        assertThatThrownBy(() -> ClientAddresses.resolve("localhost", false)).isInstanceOf(ClientAddresses.RefusedAddress.class);
        assertThatThrownBy(() -> ClientAddresses.resolve("127.0.0.1", false)).isInstanceOf(ClientAddresses.RefusedAddress.class);
        assertThatThrownBy(() -> ClientAddresses.resolve("::1", false)).isInstanceOf(ClientAddresses.RefusedAddress.class);
        assertThat(ClientAddresses.resolve("localhost", true).isLoopbackAddress()).isTrue();
    }
}
