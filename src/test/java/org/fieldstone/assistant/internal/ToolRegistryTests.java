package org.fieldstone.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.fieldstone.assistant.ToolResult;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.junit.jupiter.api.Test;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The registry's own rules, with tools made up here: what leaks from a failure, names, the preview's wrapping. */
class ToolRegistryTests {

    record Echo(@ToolParam(description = "Text") String text) {
    }

    static final class Made implements ToolSet {
        final List<ToolDefinition<?>> definitions;

        Made(ToolDefinition<?>... definitions) {
            this.definitions = List.of(definitions);
        }

        @Override
        public List<ToolDefinition<?>> definitions() {
            return definitions;
        }
    }

    static ToolRegistry registry(ToolSet... sets) {
        Pricing pricing = (Pricing) Proxy.newProxyInstance(Pricing.class.getClassLoader(), new Class<?>[] {Pricing.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("withMoneyPolicy")) {
                        return args[0];
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        return new ToolRegistry(List.of(sets), pricing, messages);
    }

    static final Actor USER = new Actor(TenantId.random(), Optional.of(UserId.random()), "Ada", Role.USER,
            Optional.empty(), Channel.ASSISTANT, null, null);

    @Test
    void anUnexpectedFailureIsAGenericErrorWithoutItsText() {
        ToolRegistry tools = registry(new Made(ToolDefinition.reads("explode", "Explode", "Fails.", Echo.class,
                Permission.JOBS_READ, (actor, args) -> {
                    throw new IllegalStateException("jdbc:postgresql://db.internal secret=hunter2");
                })));
        ToolResult result = tools.call(USER, "explode", "{\"text\":\"x\"}");
        assertThat(result.error()).isTrue();
        assertThat(result.content()).contains("assistant.refused.unexpected").doesNotContain("hunter2", "jdbc",
                "IllegalStateException", "at org.");
    }

    @Test
    void aRefusalCarriesItsCodeAndEnglishText() {
        ToolRegistry tools = registry(new Made(ToolDefinition.reads("refuse", "Refuse", "Refuses.", Echo.class,
                Permission.JOBS_READ, (actor, args) -> {
                    throw new Conflict(Message.of("assistant.refused.invoice-not-open"));
                })));
        assertThat(tools.call(USER, "refuse", "{\"text\":\"x\"}").content()).isEqualTo(
                "{\"error\":\"assistant.refused.invoice-not-open\",\"message\":\"Payments are recorded for sent invoices "
                        + "that are not yet paid.\"}");
    }

    @Test
    void aPreviewRunsThePreviewNotTheTool() {
        int[] runs = {0};
        ToolRegistry tools = registry(new Made(ToolDefinition.writes("echo", "Echo", "Echoes.", Echo.class,
                Permission.JOBS_WRITE, (actor, args) -> ++runs[0], (actor, args) -> "Echo " + args.text())));
        assertThat(tools.preview(USER, "echo", "{\"text\":\"hi\"}").content()).isEqualTo("{\"preview\":\"Echo hi\"}");
        assertThat(runs[0]).isZero();
        assertThat(tools.call(USER, "echo", "{\"text\":\"hi\"}").content()).isEqualTo("1");
        assertThat(runs[0]).isEqualTo(1);
    }

    @Test
    void aPermissionTheActorLacksIsRefusedBeforeArgumentsAreRead() {
        int[] runs = {0};
        ToolRegistry tools = registry(new Made(ToolDefinition.writes("assign", "Assign", "Assigns.", Echo.class,
                Permission.JOBS_ASSIGN, (actor, args) -> ++runs[0], (actor, args) -> "x")));
        assertThat(tools.call(USER, "assign", "{\"text\":\"x\"}").content()).contains("shared.refused.permission");
        assertThat(tools.available(USER)).isEmpty();
        assertThat(runs[0]).isZero();
    }

    @Test
    void namesMustBeSnakeCaseAndUnique() {
        var one = ToolDefinition.reads("same_name", "A", "A.", Echo.class, Permission.JOBS_READ, (a, b) -> 1);
        assertThatThrownBy(() -> registry(new Made(one, one))).hasMessageContaining("same_name");
        assertThatThrownBy(() -> registry(new Made(ToolDefinition.reads("camelCase", "A", "A.", Echo.class,
                Permission.JOBS_READ, (a, b) -> 1)))).hasMessageContaining("camelCase");
    }
}
