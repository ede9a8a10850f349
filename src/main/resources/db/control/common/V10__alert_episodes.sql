-- Owned by ops.monitoring. The operator's alerts that are firing now, one row per rule: inserted when an episode
-- begins (the node whose insert succeeds sends the alert), deleted when it clears (the node whose delete succeeds
-- sends the resolution), so two nodes and a restart never repeat either. No company data.
CREATE TABLE alert_episodes (
    rule        VARCHAR(64)  NOT NULL PRIMARY KEY,
    opened_at   BIGINT       NOT NULL,
    detail      TEXT         NOT NULL
);
