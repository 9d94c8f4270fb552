-- Control-plane schema for the shared PostgreSQL store: the same tables, keys and constraints as
-- the embedded store's V1 (db/migration/sqlite). Every name column uses the "C" collation: exact,
-- case-sensitive, byte order (ordinal for SES's ASCII names), whatever the database's locale.
--
-- Migrations must stay backward compatible (add, never rename or drop in the same release), so an
-- older node keeps working against a newer schema during a rolling upgrade.

-- One row; bumped by every committed write so nodes and snapshots can tell what they have seen.
-- Write transactions also lock this table first, which queues writers from every node.
CREATE TABLE store_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL
);
INSERT INTO store_version (id, version) VALUES (1, 0);

-- seq gives the creation order SES lists rule sets in (created_at may tie within a millisecond).
CREATE TABLE rule_sets (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL,
    region     TEXT COLLATE "C" NOT NULL,
    name       TEXT COLLATE "C" NOT NULL,
    created_at BIGINT  NOT NULL,               -- epoch milliseconds
    active     BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (account_id, region, name)
);
-- At most one active rule set per account and region, whatever the code above (or another node) does.
CREATE UNIQUE INDEX rule_sets_one_active ON rule_sets (account_id, region) WHERE active;

-- A rule is stored whole as JSON text (RuleCodec, kept byte for byte); position keeps the order.
CREATE TABLE rules (
    account_id TEXT COLLATE "C" NOT NULL,
    region     TEXT COLLATE "C" NOT NULL,
    rule_set   TEXT COLLATE "C" NOT NULL,
    position   INTEGER NOT NULL CHECK (position >= 0),
    name       TEXT COLLATE "C" NOT NULL,
    json       TEXT    NOT NULL,
    PRIMARY KEY (account_id, region, rule_set, position),
    UNIQUE (account_id, region, rule_set, name),
    FOREIGN KEY (account_id, region, rule_set)
        REFERENCES rule_sets (account_id, region, name) ON DELETE CASCADE
);

CREATE TABLE filters (
    account_id TEXT COLLATE "C" NOT NULL,
    region     TEXT COLLATE "C" NOT NULL,
    name       TEXT COLLATE "C" NOT NULL,
    policy     TEXT NOT NULL CHECK (policy IN ('Block', 'Allow')),
    cidr       TEXT NOT NULL,
    PRIMARY KEY (account_id, region, name)
);

-- seq gives the creation order; an upsert keeps it so a status change does not reorder the list.
CREATE TABLE identities (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL,
    region     TEXT COLLATE "C" NOT NULL,
    identity   TEXT COLLATE "C" NOT NULL,
    type       TEXT    NOT NULL,
    token      TEXT,
    status     TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,               -- epoch milliseconds
    UNIQUE (account_id, region, identity)
);
