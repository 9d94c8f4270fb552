-- The attributes of an identity beyond its verification (issue 6): Easy DKIM, MAIL FROM,
-- notification topics and sending-authorization policies, each one JSON document named
-- 'dkim', 'mailFrom', 'notifications' or 'policy:<PolicyName>'. A row cannot outlive its
-- identity: the foreign key cascades DeleteIdentity, and refuses an attribute of an unknown one.
-- The DKIM private keys live here too (in the shared store, never on one node's disk), so every
-- node's signer reads the same keys. Same table as the embedded store's V2 (db/migration/sqlite).
CREATE TABLE identity_attributes (
    account_id TEXT COLLATE "C" NOT NULL,
    region     TEXT COLLATE "C" NOT NULL,
    identity   TEXT COLLATE "C" NOT NULL,
    name       TEXT COLLATE "C" NOT NULL,
    json       TEXT NOT NULL,
    PRIMARY KEY (account_id, region, identity, name),
    FOREIGN KEY (account_id, region, identity)
        REFERENCES identities (account_id, region, identity) ON DELETE CASCADE
);
