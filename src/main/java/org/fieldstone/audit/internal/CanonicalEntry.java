package org.fieldstone.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The content an audit entry's hash covers, in one fixed order, as a JSON array (unambiguous: every
 * field is quoted or null, so no two different entries serialize alike), followed by the previous hash.
 */
record CanonicalEntry(long seq, long at, String actorType, String actorId, String actorName, String apiKeyId,
                      String channel, String ip, String userAgent, String entityType, String entityId, String action,
                      String changes, String prevHash) {

    static final String GENESIS = "0".repeat(64);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    String hash() {
        ArrayNode fields = JSON.createArrayNode();
        fields.add(seq).add(at).add(actorType).add(actorId).add(actorName).add(apiKeyId).add(channel).add(ip)
                .add(userAgent).add(entityType).add(entityId).add(action).add(changes).add(prevHash);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JSON.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
