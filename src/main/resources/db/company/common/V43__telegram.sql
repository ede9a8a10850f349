-- Telegram (issue 16): the company's bot lives in the secret store (telegram.bot-token, telegram.webhook-secret);
-- these tables hold who is linked, the one-time linking codes and the updates already handled.

-- A Telegram chat bound to one team member: one chat per user and one user per chat. conversation_id is the
-- assistant conversation the chat's plain text continues (null until the first question).
CREATE TABLE telegram_chats (
    id              TEXT    NOT NULL PRIMARY KEY,
    user_id         TEXT    NOT NULL,
    chat_id         TEXT    NOT NULL,
    conversation_id TEXT,
    version         BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    created_by      TEXT    NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      TEXT    NOT NULL
);
CREATE UNIQUE INDEX telegram_chats_chat ON telegram_chats (chat_id);
CREATE UNIQUE INDEX telegram_chats_user ON telegram_chats (user_id);

-- A one-time linking code of a user ("Link Telegram" in My account): only its SHA-256 is kept; valid until
-- expires_at, once (used_at).
CREATE TABLE telegram_link_codes (
    id          TEXT    NOT NULL PRIMARY KEY,
    user_id     TEXT    NOT NULL,
    code_hash   TEXT    NOT NULL,
    expires_at  BIGINT  NOT NULL,
    used_at     BIGINT,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
CREATE UNIQUE INDEX telegram_link_codes_hash ON telegram_link_codes (code_hash);

-- The updates of the company's bot handled, by Telegram's update_id (the row's id): a replayed update finds its id
-- and changes nothing.
CREATE TABLE telegram_updates (
    id          TEXT    NOT NULL PRIMARY KEY,
    kind        TEXT    NOT NULL,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
