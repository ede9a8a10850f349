package org.fieldstone.assistant.mcp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.server.HmacRequestStateCodec;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.RequestStateCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.shared.TenantId;

/**
 * The MCP SDK's sealed {@code requestState} (2026-07-28 multi-round requests), sealed with a key of the calling
 * company: the SHA-256 of the company's PRF output for a fixed label ({@link KeyRing#blindIndex}). The PRF keys are
 * kept wrapped under the master key in the control plane, so every node derives the same key without any key material
 * in code or configuration, and a state sealed for one company never opens for another. Each state is also bound to the
 * calling user, the method and the tool (the SDK's {@link HmacRequestStateCodec}) and lives ten minutes. Rotating the
 * company's keys ends states in flight, which a client answers by starting the request again.
 */
final class McpRequestStates implements RequestStateCodec {

    static final String DOMAIN = "assistant.mcp.request-state";

    private final KeyRing keys;
    private final McpJsonMapper json;
    private final Clock clock;
    private final Cache<String, HmacRequestStateCodec> codecs = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    McpRequestStates(KeyRing keys, McpJsonMapper json, Clock clock) {
        this.keys = keys;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String seal(McpRequestContext ctx, String state) {
        return codec(McpTools.actor(ctx.transportContext()).tenant()).seal(ctx, state);
    }

    @Override
    public String open(McpRequestContext ctx, String sealed) {
        return codec(McpTools.actor(ctx.transportContext()).tenant()).open(ctx, sealed);
    }

    private HmacRequestStateCodec codec(TenantId tenant) {
        KeyOwner owner = KeyOwner.of(tenant);
        String prf = keys.blindIndex(owner, DOMAIN, "hmac-sha256");
        return codecs.get(prf, p -> HmacRequestStateCodec.builder().key(sha256(p)).jsonMapper(json).clock(clock)
                .ttl(Duration.ofMinutes(10))
                .principalExtractor(c -> McpTools.actor(c).userId().map(Object::toString).orElse("system"))
                .build());
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
