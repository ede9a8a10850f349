package org.fieldstone.assistant.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code fieldstone.assistant.*}: how much history is kept and sent, and how long the provider may take.
 *
 * @param history         what the trimming job keeps
 * @param contextMessages at most this many earlier messages of a conversation are sent with a question (default 20)
 * @param timeout         how long one provider request may take (default 60 s)
 * @param actionLifetime  how long a proposed write waits for the user's confirmation (default 15 min)
 * @param maxLength       the longest question accepted, in characters (default 4000)
 * @param maxToolCalls    tool calls the model may make for one question (default 8); beyond, tools answer an error
 * @param trim            the trimming job: on, and how often
 */
@ConfigurationProperties("fieldstone.assistant")
public record AssistantProperties(History history, Integer contextMessages, Duration timeout, Duration actionLifetime,
                                  Integer maxLength, Integer maxToolCalls, Trim trim) {

    public AssistantProperties {
        history = history == null ? new History(null, null) : history;
        contextMessages = contextMessages == null ? 20 : contextMessages;
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        actionLifetime = actionLifetime == null ? Duration.ofMinutes(15) : actionLifetime;
        maxLength = maxLength == null ? 4000 : maxLength;
        maxToolCalls = maxToolCalls == null ? 8 : maxToolCalls;
        trim = trim == null ? new Trim(null, null) : trim;
    }

    /**
     * @param maxAge      messages older than this are deleted (default 30 days)
     * @param maxMessages messages beyond this many per conversation (the oldest) are deleted (default 200)
     */
    public record History(Duration maxAge, Integer maxMessages) {

        public History {
            maxAge = maxAge == null ? Duration.ofDays(30) : maxAge;
            maxMessages = maxMessages == null ? 200 : maxMessages;
        }
    }

    /** @param enabled the scheduled trimming (default true); @param interval between runs (default 1 h) */
    public record Trim(Boolean enabled, Duration interval) {

        public Trim {
            enabled = enabled == null || enabled;
            interval = interval == null ? Duration.ofHours(1) : interval;
        }
    }
}
