-- Company deletion (decision 0016). A DELETED company is refused everywhere and keeps its address until
-- delete_after (epoch ms), when its keyset and then its database are destroyed; restore_status is what a
-- restore returns it to (ACTIVE or SUSPENDED).
ALTER TABLE companies ADD COLUMN deleted_at BIGINT;
ALTER TABLE companies ADD COLUMN delete_after BIGINT;
ALTER TABLE companies ADD COLUMN restore_status TEXT;

-- What is kept of a destroyed company: that it existed, under which address, and when it was deleted and
-- destroyed. No name, no placement, no keys: its address is free again.
CREATE TABLE destroyed_companies (
    id            TEXT    NOT NULL PRIMARY KEY,
    slug          TEXT    NOT NULL,
    deleted_at    BIGINT  NOT NULL,
    destroyed_at  BIGINT  NOT NULL
);
