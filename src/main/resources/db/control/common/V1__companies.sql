-- The control plane: companies and where their databases live. Never any business data.
CREATE TABLE companies (
    id          TEXT    NOT NULL PRIMARY KEY,
    slug        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    time_zone   TEXT    NOT NULL,
    placement   TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    version     BIGINT  NOT NULL
);
CREATE UNIQUE INDEX companies_slug ON companies (slug);
