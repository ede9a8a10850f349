package org.fieldstone.sms.internal;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's HTTP client with its hosts rewritten: twilio-java 13 has no base-URL setter, so for tests
 * ({@code fieldstone.sms.twilio.api-base-url}, set only by the test support to the loopback fake) each request to
 * {@code https://<product>.twilio.com/…} is sent to {@code <base>/…} instead, with the same method, parameters,
 * headers and credentials. Without a base it is exactly Twilio's own client.
 */
final class RebasingHttpClient extends NetworkHttpClient {

    private static final Pattern TWILIO = Pattern.compile("^https://[a-z0-9.-]+\\.twilio\\.com(?=/|$)");

    private final String base;

    RebasingHttpClient(String base) {
        // Twilio's own timeouts (10 s to connect, 30 s to read): a send runs on the notifications' worker, never on
        // a web request
        super();
        this.base = base == null || base.isBlank() ? null
                : base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public Response makeRequest(Request request) {
        if (base == null) {
            return super.makeRequest(request);
        }
        Matcher m = TWILIO.matcher(request.getUrl());
        if (!m.find()) {
            return super.makeRequest(request);
        }
        return super.makeRequest(rebased(request, base + request.getUrl().substring(m.end())));
    }

    /** A copy of {@code original} sent to {@code url} as it is (no region or edge put into its host). */
    static Request rebased(Request original, String url) {
        Request copy = new Request(original.getMethod(), url) {
            @Override
            public URL constructURL() {
                String query = encodeQueryParams();
                try {
                    return URI.create(this.url + (query.isEmpty() ? "" : "?" + query)).toURL();
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException(e);
                }
            }
        };
        original.getQueryParams().forEach((k, vs) -> vs.forEach(v -> copy.addQueryParam(k, v)));
        original.getPostParams().forEach((k, vs) -> vs.forEach(v -> copy.addPostParam(k, v)));
        original.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> copy.addHeaderParam(k, v)));
        if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        } else if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        }
        if (original.getContentType() != null) {
            copy.setContentType(original.getContentType());
        }
        if (original.getBody() != null) {
            copy.setBody(original.getBody());
        }
        if (original.getFormParameters() != null) {
            copy.setFormParameters(original.getFormParameters());
        }
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        return copy;
    }
}
