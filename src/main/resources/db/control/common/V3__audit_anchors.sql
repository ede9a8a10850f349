-- The newest audit-chain hash of every company (and where a prune cut the chain), kept outside the
-- company's own database so that rewriting or cutting its trail is detected by `fieldstone audit verify`.
CREATE TABLE audit_anchors (
    company_id  TEXT    NOT NULL PRIMARY KEY,
    seq         BIGINT  NOT NULL,
    hash        TEXT    NOT NULL,
    base_seq    BIGINT  NOT NULL,
    base_hash   TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);
