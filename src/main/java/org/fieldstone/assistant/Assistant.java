package org.fieldstone.assistant;

import java.time.Instant;
import java.util.List;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.TenantId;

/**
 * The AI assistant (issue 15): a user asks in plain language, the company's chosen model answers, calling the registry's
 * {@link Tools} as that user ({@code Channel.ASSISTANT}). Write tools never run on the model's word: they become a
 * {@link PendingAction} the user confirms or cancels. Conversations are the user's own, kept sealed in the company
 * database and trimmed automatically. Off until an admin configures a provider in Settings → Assistant; nothing is sent
 * to any provider while off.
 */
public interface Assistant {

    /** Whether the assistant answers in the actor's company now, and if not, why ({@code off}, {@code no-key}). */
    State state(Actor actor);

    /** The actor's own conversations, newest first. */
    List<Summary> conversations(Actor actor);

    /**
     * One of the actor's conversations with its messages and pending actions.
     *
     * @throws org.fieldstone.shared.NotFound another user's or another company's conversation, or an unknown id
     */
    Conversation conversation(Actor actor, String conversationId);

    /**
     * Sends the user's message (and at most the configured number of earlier messages of the conversation) to the model
     * and records the exchange. Nothing is recorded when the provider fails: the reply carries the failure.
     *
     * @param conversationId null or blank to start a new conversation
     * @throws org.fieldstone.shared.InvalidInput an empty or oversized message
     * @throws org.fieldstone.shared.Conflict     the assistant is off in this company
     */
    Reply ask(Actor actor, String conversationId, String text);

    /**
     * Runs a pending action once, as the actor, and adds its result to the conversation.
     *
     * @throws org.fieldstone.shared.NotFound another user's action or conversation
     * @throws org.fieldstone.shared.Conflict an action already confirmed, cancelled or expired
     */
    Conversation confirm(Actor actor, String conversationId, String actionId);

    /** Cancels a pending action; nothing is written but the action's status. */
    Conversation cancel(Actor actor, String conversationId, String actionId);

    /** Deletes one of the actor's conversations with all its messages. */
    void delete(Actor actor, String conversationId);

    /** Settings → Assistant (needs {@code settings:manage}). */
    Setup setup(Actor actor);

    /**
     * Changes the company's assistant settings (needs {@code settings:manage}); a blank API key keeps the stored one.
     *
     * @throws org.fieldstone.shared.InvalidInput an unknown provider, a base URL that is not http(s), an empty model
     */
    Setup update(Actor actor, Provider provider, String baseUrl, String model, String apiKey, boolean excludeContacts);

    /** Removes the stored API key; the assistant stops where the provider needs one. */
    Setup removeKey(Actor actor);

    /**
     * Deletes messages older than the history's maximum age (before {@code now}) and beyond its maximum count per
     * conversation, then conversations left empty; answers how many messages it deleted.
     */
    int trim(TenantId tenant, Instant now);

    /** The providers a company can choose. */
    enum Provider {
        OFF, ANTHROPIC, OPENAI, OLLAMA;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @param off null when the assistant answers; else {@code off} or {@code no-key} */
    record State(boolean on, Provider provider, String off) {
    }

    record Summary(String id, String title, Instant lastMessageAt) {
    }

    /**
     * A message as the user sees it.
     *
     * @param role {@code user}, {@code assistant}, {@code action} (a confirmation the model asked for) or {@code result}
     */
    record Message(String id, String role, String text, Instant at) {
    }

    /**
     * A write the model asked for, waiting for the user.
     *
     * @param preview what it will do, in one sentence, from {@link Tools#preview}
     * @param status  {@code pending}, {@code done}, {@code cancelled}, {@code failed} or {@code expired}
     */
    record PendingAction(String id, String tool, String title, String preview, String status, Instant expiresAt) {
    }

    record Conversation(String id, String title, List<Message> messages, List<PendingAction> actions) {

        public List<PendingAction> pending() {
            return actions.stream().filter(a -> a.status().equals("pending")).toList();
        }
    }

    /**
     * What asking answered.
     *
     * @param conversationId the conversation (new or given); null when a new conversation failed before anything was kept
     * @param answer         the model's answer, or null on failure
     * @param actions        the writes the model proposed in this turn, for the user to confirm
     * @param failure        null, or why the provider gave no answer: {@code timeout}, {@code key}, {@code rate-limit},
     *                       {@code unavailable}
     */
    record Reply(String conversationId, Message answer, List<PendingAction> actions, String failure) {
    }

    /**
     * Settings → Assistant as shown: never the key, only its hint.
     *
     * @param excludeContacts client contact fields (email, phone, address lines) are removed from tool results before
     *                        they are sent to the provider
     */
    record Setup(Provider provider, String baseUrl, String model, String apiKeyHint, boolean excludeContacts,
                 State state) {
    }
}
