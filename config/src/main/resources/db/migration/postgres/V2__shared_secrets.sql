-- Secrets every node must share (e.g. the generated API key pair), so they do not live on one
-- node's disk. The primary key makes "first node generates, the others read" race-free:
-- INSERT ... ON CONFLICT DO NOTHING, then SELECT.
CREATE TABLE shared_secrets (
    name       TEXT COLLATE "C" PRIMARY KEY,
    value      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
