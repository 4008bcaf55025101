-- A run's 公示 (public notice) period: its first and last day (ISO dates), both
-- included, during which enterprises may object to their class. Runs published before
-- it have none.
ALTER TABLE evaluation_runs ADD COLUMN notice_start TEXT;
ALTER TABLE evaluation_runs ADD COLUMN notice_end TEXT;
