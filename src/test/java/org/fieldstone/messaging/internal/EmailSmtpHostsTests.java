package org.fieldstone.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A company's SMTP host may not reach into the platform's own network unless the installation allows it. */
class EmailSmtpHostsTests {

    @Test
    void refusesLoopbackPrivateAndLinkLocalAddressesByDefault() {
        for (String host : new String[] {"127.0.0.1", "localhost", "10.1.2.3", "172.16.0.5", "192.168.1.1",
                "169.254.169.254", "0.0.0.0", "::1", "fd00::1", "fe80::1"}) {
            assertThat(SmtpHosts.allowed(host, false)).as(host).isFalse();
            assertThat(SmtpHosts.allowed(host, true)).as(host).isTrue();
        }
    }

    @Test
    void refusesWhatTheOneAddressRuleRefusesBeyondPrivateRanges() {
        // CGNAT, benchmarking, reserved, IPv4-mapped loopback, NAT64 and 6to4 forms of private addresses
        for (String host : new String[] {"100.64.0.1", "198.18.0.1", "240.0.0.1", "::ffff:127.0.0.1",
                "64:ff9b::a00:1", "2002:c0a8:101::1"}) {
            assertThat(SmtpHosts.allowed(host, false)).as(host).isFalse();
            assertThat(SmtpHosts.allowed(host, true)).as(host).isTrue();
        }
    }

    @Test
    void allowsPublicAddresses() {
        assertThat(SmtpHosts.allowed("8.8.8.8", false)).isTrue();
        assertThat(SmtpHosts.allowed("2001:4860:4860::8888", false)).isTrue();
    }
}
