package org.fieldstone.reports.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Addresses in the audit log as people write them (RFC 5952), whatever form the servlet container gave. */
class IpAddressesTest {

    @Test
    void ipv6IsShortenedAndLowerCased() {
        assertThat(IpAddresses.readable("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(IpAddresses.readable("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(IpAddresses.readable("2001:DB8:0:0:0:0:2:1")).isEqualTo("2001:db8::2:1");
        assertThat(IpAddresses.readable("2001:db8:0:1:1:1:1:1")).as("a single zero group stays").isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(IpAddresses.readable("2001:0:0:1:0:0:0:1")).as("the longest run").isEqualTo("2001:0:0:1::1");
        assertThat(IpAddresses.readable("2001:db8:0:0:1:0:0:1")).as("the first of equal runs").isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpAddresses.readable("fe80:0:0:0:0:0:0:1%eth0")).isEqualTo("fe80::1%eth0");
        assertThat(IpAddresses.readable("2001:0db8:0000:0000:0000:ff00:0042:8329")).isEqualTo("2001:db8::ff00:42:8329");
    }

    @Test
    void ipv4StaysAndMappedIpv4BecomesPlainIpv4() {
        assertThat(IpAddresses.readable("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(IpAddresses.readable("0:0:0:0:0:ffff:c000:207")).isEqualTo("192.0.2.7");
        assertThat(IpAddresses.readable("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void whatIsNoAddressIsShownAsItIs() {
        assertThat(IpAddresses.readable(null)).isNull();
        assertThat(IpAddresses.readable("")).isEmpty();
        assertThat(IpAddresses.readable("cli")).isEqualTo("cli");
        assertThat(IpAddresses.readable("1:2:3")).isEqualTo("1:2:3");
        assertThat(IpAddresses.readable("1::2::3")).isEqualTo("1::2::3");
        assertThat(IpAddresses.readable("12345::1")).isEqualTo("12345::1");
        assertThat(IpAddresses.readable("<script>:1")).isEqualTo("<script>:1");
    }
}
