-- A provider's status report that arrived before the dispatcher recorded the provider's id of the message (Twilio can
-- call back within milliseconds of accepting it): kept here and applied when the notification is marked SENT with
-- that id. Reports of ids that never turn up (not ours) are pruned after a day. No personal data: the provider's id,
-- a status and a reason code.
CREATE TABLE notification_early_reports (
    channel     TEXT   NOT NULL,
    provider_id TEXT   NOT NULL,
    status      TEXT   NOT NULL,
    reason      TEXT,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (channel, provider_id)
);
CREATE INDEX notification_early_reports_age ON notification_early_reports (received_at);
