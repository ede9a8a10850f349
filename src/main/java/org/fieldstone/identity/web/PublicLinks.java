package org.fieldstone.identity.web;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links that leave the application (invitations today, emailed links later) are built from the configured
 * {@code fieldstone.public-url}, never from the request's Host header, which a client chooses.
 */
@Component
class PublicLinks {

    private final URI base;

    PublicLinks(@Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String base) {
        this.base = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (!"https".equals(this.base.getScheme()) || this.base.getHost() == null) {
            throw new IllegalArgumentException("fieldstone.public-url must be an https:// address, e.g. https://fsm.example.com");
        }
    }

    String invitation(String slug, String token) {
        return UriComponentsBuilder.fromUri(base).path("/c/{slug}/invite/{token}").buildAndExpand(slug, token).toUriString();
    }
}
