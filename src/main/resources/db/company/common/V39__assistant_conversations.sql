-- The AI assistant's conversations (issue 15): one user's chat with the assistant, in the company's own database.
-- title and every message's text are sealed (AEAD under the company's key, bound to table, column and row) and never
-- written into the audit trail (secret columns), so trimming really removes them. A message's role: user | assistant |
-- action (a write tool waiting for the user: tool, arguments, status pending → done | cancelled | failed, expires_at)
-- | result (what a confirmed action answered). seq orders a conversation's messages (the clock may stand still).
-- The trimming job deletes messages older than fieldstone.assistant.history.max-age and beyond
-- fieldstone.assistant.history.max-messages per conversation, and conversations left empty.
CREATE TABLE assistant_conversations (
    id              TEXT    NOT NULL PRIMARY KEY,
    user_id         TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    last_message_at BIGINT  NOT NULL,
    version         BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    created_by      TEXT    NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      TEXT    NOT NULL
);
CREATE INDEX assistant_conversations_user ON assistant_conversations (user_id, last_message_at);

CREATE TABLE assistant_messages (
    id              TEXT    NOT NULL PRIMARY KEY,
    conversation_id TEXT    NOT NULL REFERENCES assistant_conversations (id),
    seq             BIGINT  NOT NULL,
    role            TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    tool            TEXT,
    arguments       TEXT,
    status          TEXT,
    expires_at      BIGINT,
    version         BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    created_by      TEXT    NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      TEXT    NOT NULL
);
CREATE UNIQUE INDEX assistant_messages_order ON assistant_messages (conversation_id, seq);
CREATE INDEX assistant_messages_age ON assistant_messages (created_at);
