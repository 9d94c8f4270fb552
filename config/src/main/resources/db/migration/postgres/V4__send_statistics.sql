-- Sending statistics (issue 6 item 6): one row per account, region and 15-minute interval, as
-- GetSendStatistics reports them; SentLast24Hours and the daily quota are summed from the same
-- rows. interval_start is epoch milliseconds, a multiple of 15 minutes. Rows older than two weeks
-- are deleted as new activity is recorded. Same table as the embedded store's V3.
CREATE TABLE send_statistics (
    account_id        TEXT COLLATE "C" NOT NULL,
    region            TEXT COLLATE "C" NOT NULL,
    interval_start    BIGINT NOT NULL,
    delivery_attempts BIGINT NOT NULL DEFAULT 0,
    bounces           BIGINT NOT NULL DEFAULT 0,
    complaints        BIGINT NOT NULL DEFAULT 0,
    rejects           BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, region, interval_start)
);
