-- The company's logo, printed at the head of its quotes and invoices (issue 11): at most one row, id 'logo', written
-- only through the one write path. The image is a checked PNG or JPEG of at most 256 KiB, kept as base64 text (the
-- same on SQLite and PostgreSQL); the audit trail names it by sha256 and size, never by its bytes.
CREATE TABLE company_logo (
    id            TEXT    NOT NULL PRIMARY KEY,
    content_type  TEXT    NOT NULL,
    image         TEXT    NOT NULL,
    sha256        TEXT    NOT NULL,
    width         BIGINT  NOT NULL,
    height        BIGINT  NOT NULL,
    size_bytes    BIGINT  NOT NULL,
    version       BIGINT  NOT NULL,
    created_at    BIGINT  NOT NULL,
    created_by    TEXT    NOT NULL,
    updated_at    BIGINT  NOT NULL,
    updated_by    TEXT    NOT NULL
);
