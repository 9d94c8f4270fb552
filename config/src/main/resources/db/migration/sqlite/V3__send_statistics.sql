-- Sending statistics (issue 6 item 6): one row per account, region and 15-minute interval, as
-- GetSendStatistics reports them; SentLast24Hours and the daily quota are summed from the same
-- rows. interval_start is epoch milliseconds, a multiple of 15 minutes. Rows older than two weeks
-- are deleted as new activity is recorded.
CREATE TABLE send_statistics (
    account_id        TEXT    NOT NULL,
    region            TEXT    NOT NULL,
    interval_start    INTEGER NOT NULL,
    delivery_attempts INTEGER NOT NULL DEFAULT 0,
    bounces           INTEGER NOT NULL DEFAULT 0,
    complaints        INTEGER NOT NULL DEFAULT 0,
    rejects           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, region, interval_start)
);
