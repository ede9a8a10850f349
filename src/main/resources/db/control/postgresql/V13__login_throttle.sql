-- identity: login throttling shared by every node on PostgreSQL (decision 0066). SQLite runs one node and keeps both
-- in memory. Keys are SHA-256 hashes of the account (company + email) or the client address: nothing readable.
-- Address budgets: Bucket4j's PostgreSQL proxy manager (its default layout, a text key); state is Bucket4j's.
CREATE TABLE login_buckets (
    id          VARCHAR(128) NOT NULL PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);
-- Failures per account and the lockout they started; version for compare-and-set across nodes.
CREATE TABLE login_failures (
    account       VARCHAR(64) NOT NULL PRIMARY KEY,
    failures      INTEGER     NOT NULL,
    last_failure  BIGINT      NOT NULL,
    locked_until  BIGINT      NOT NULL,
    version       BIGINT      NOT NULL
);
CREATE INDEX login_failures_last ON login_failures (last_failure);
