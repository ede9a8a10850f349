package org.fieldstone.identity.oauth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** One row of {@code oauth_grants}. */
record GrantRow(String id, String clientId, String userId, String status, String scopes, String resource,
                String redirectUri, String requestedScopes, String clientState, String codeChallenge,
                String challengeMethod, Long codeIssuedAt, Long codeExpiresAt, Long codeUsedAt, String codeHash,
                Long lastUsedAt, long createdAt, long version) {

    static final String COLUMNS = "g.id, g.client_id, g.user_id, g.status, g.scopes, g.resource, g.redirect_uri, "
            + "g.requested_scopes, g.client_state, g.code_challenge, g.challenge_method, g.code_issued_at, "
            + "g.code_expires_at, g.code_used_at, g.code_hash, g.last_used_at, g.created_at, g.version";

    static GrantRow of(ResultSet rs) throws SQLException {
        return new GrantRow(rs.getString("id"), rs.getString("client_id"), rs.getString("user_id"), rs.getString("status"),
                rs.getString("scopes"), rs.getString("resource"), rs.getString("redirect_uri"),
                rs.getString("requested_scopes"), rs.getString("client_state"), rs.getString("code_challenge"),
                rs.getString("challenge_method"), longOrNull(rs, "code_issued_at"), longOrNull(rs, "code_expires_at"),
                longOrNull(rs, "code_used_at"), rs.getString("code_hash"), longOrNull(rs, "last_used_at"),
                rs.getLong("created_at"), rs.getLong("version"));
    }

    boolean granted() {
        return "granted".equals(status);
    }

    Set<String> scopeSet() {
        return split(scopes);
    }

    static Set<String> split(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text != null) {
            Arrays.stream(text.split(" ")).filter(s -> !s.isBlank()).forEach(out::add);
        }
        return out;
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        Object v = rs.getObject(column);
        return v == null ? null : ((Number) v).longValue();
    }
}
