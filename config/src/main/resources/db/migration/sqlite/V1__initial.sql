-- Control-plane schema for the embedded SQLite store. Names are compared with SQLite's default
-- BINARY collation: exact and case-sensitive (the services normalise before they ask).

-- One row; bumped by every committed write so nodes and snapshots can tell what they have seen.
CREATE TABLE store_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO store_version (id, version) VALUES (1, 0);

-- seq gives the creation order SES lists rule sets in (created_at may tie within a millisecond).
CREATE TABLE rule_sets (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT    NOT NULL,
    region     TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,               -- epoch milliseconds
    active     INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    UNIQUE (account_id, region, name)
);
-- At most one active rule set per account and region, whatever the code above does.
CREATE UNIQUE INDEX rule_sets_one_active ON rule_sets (account_id, region) WHERE active = 1;

-- A rule is stored whole as JSON (RuleCodec); position keeps the order the API returns.
CREATE TABLE rules (
    account_id TEXT    NOT NULL,
    region     TEXT    NOT NULL,
    rule_set   TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    json       TEXT    NOT NULL,
    PRIMARY KEY (account_id, region, rule_set, position),
    UNIQUE (account_id, region, rule_set, name),
    FOREIGN KEY (account_id, region, rule_set)
        REFERENCES rule_sets (account_id, region, name) ON DELETE CASCADE
);

CREATE TABLE filters (
    account_id TEXT NOT NULL,
    region     TEXT NOT NULL,
    name       TEXT NOT NULL,
    policy     TEXT NOT NULL CHECK (policy IN ('Block', 'Allow')),
    cidr       TEXT NOT NULL,
    PRIMARY KEY (account_id, region, name)
);

-- seq gives the creation order; an upsert keeps it so a status change does not reorder the list.
CREATE TABLE identities (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT    NOT NULL,
    region     TEXT    NOT NULL,
    identity   TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    token      TEXT,
    status     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,               -- epoch milliseconds
    UNIQUE (account_id, region, identity)
);
