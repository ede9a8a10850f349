package org.fieldstone.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldstone.sms.TwilioSigning;
import org.junit.jupiter.api.Test;

/**
 * The SDK's {@link RequestValidator}, which the webhook trusts, against Twilio's documented example
 * (twilio.com/docs/usage/security: auth token {@code 12345}, the URL and parameters below, signature
 * {@code 0/KCTR6DLpKmkAf8muzZqo1nDgQ=}), and the tests' own independent HMAC-SHA1 signer against the same vector.
 */
class TwilioSignatureVectorTests {

    static final String TOKEN = "12345";
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final String SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    static Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CallSid", "CA1234567890ABCDE");
        p.put("Caller", "+12349013030");
        p.put("Digits", "1234");
        p.put("From", "+12349013030");
        p.put("To", "+18005551212");
        return p;
    }

    @Test
    void theSdksValidatorAcceptsTwiliosDocumentedExample() {
        assertThat(new RequestValidator(TOKEN).validate(URL, params(), SIGNATURE)).isTrue();
    }

    @Test
    void itRefusesAnyChangeToUrlParamsTokenOrSignature() {
        assertThat(new RequestValidator("12346").validate(URL, params(), SIGNATURE)).isFalse();
        assertThat(new RequestValidator(TOKEN).validate(URL.replace("foo=1", "foo=2"), params(), SIGNATURE)).isFalse();
        assertThat(new RequestValidator(TOKEN).validate("https://othercompany.com/myapp.php?foo=1&bar=2", params(),
                SIGNATURE)).isFalse();
        Map<String, String> changed = params();
        changed.put("Digits", "1235");
        assertThat(new RequestValidator(TOKEN).validate(URL, changed, SIGNATURE)).isFalse();
        Map<String, String> added = params();
        added.put("Body", "STOP");
        assertThat(new RequestValidator(TOKEN).validate(URL, added, SIGNATURE)).isFalse();
        assertThat(new RequestValidator(TOKEN).validate(URL, params(), "1/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
    }

    @Test
    void theTestsOwnSignerComputesTheDocumentedSignature() {
        assertThat(TwilioSigning.signature(TOKEN, URL, params())).isEqualTo(SIGNATURE);
    }
}
