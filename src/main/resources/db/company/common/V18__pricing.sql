-- What a company sells and how it is taxed (issue 11): named tax rates and products & services with default prices.
-- Written only through the one write path. Prices are BIGINT minor units of the company's currency; a rate's percent
-- is text (a decimal, e.g. 8.1), read as BigDecimal.
CREATE TABLE tax_rates (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    percent     TEXT    NOT NULL,
    archived    BOOLEAN NOT NULL DEFAULT FALSE,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
CREATE UNIQUE INDEX tax_rates_name ON tax_rates (lower(name));

CREATE TABLE products (
    id           TEXT    NOT NULL PRIMARY KEY,
    kind         TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    description  TEXT,
    unit_price   BIGINT  NOT NULL,
    tax_rate_id  TEXT    REFERENCES tax_rates (id),
    unit         TEXT,
    archived     BOOLEAN NOT NULL DEFAULT FALSE,
    version      BIGINT  NOT NULL,
    created_at   BIGINT  NOT NULL,
    created_by   TEXT    NOT NULL,
    updated_at   BIGINT  NOT NULL,
    updated_by   TEXT    NOT NULL
);
CREATE UNIQUE INDEX products_name ON products (lower(name));
