package org.fieldstone.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The alert webhook's target: https only and public addresses only, unless the tests' switches say otherwise. */
class AlertNotifierTests {

    static AlertNotifier notifier(String url, boolean allowHttp, boolean allowPrivate) {
        return new AlertNotifier(null, null, null, null, null, "", url, allowHttp, allowPrivate);
    }

    @Test
    void refusesPlainHttpAndUserInfoAtStart() {
        assertThatThrownBy(() -> notifier("http://alerts.example.com/hook", false, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> notifier("https://user:pw@alerts.example.com/hook", false, false))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> notifier("ftp://alerts.example.com/hook", true, true))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesLoopbackPrivateAndMetadataAddressesByDefault() {
        AlertNotifier n = notifier("", false, false);
        for (String url : new String[] {"https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://169.254.169.254/latest",
                "https://[::1]/hook", "https://[::ffff:192.168.1.1]/hook", "https://localhost/hook"}) {
            assertThatThrownBy(() -> n.target(url)).as(url).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("non-public");
        }
        assertThat(n.target("https://93.184.215.14/hook").getHost()).isEqualTo("93.184.215.14");
        assertThat(notifier("", true, true).target("http://127.0.0.1:9/hook").getPort()).isEqualTo(9);
    }
}
