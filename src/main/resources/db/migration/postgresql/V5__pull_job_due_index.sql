-- V5 (issue 13 item 3, "pull"): the lease looks for due jobs by next_run_at. Without an index
-- every lease scanned and sorted the whole schedule; in a burst of 10,000 jobs leased a few dozen
-- at a time that scan was the largest cost of the pull engine (JFR, docs/pull-engine.md).
CREATE INDEX IF NOT EXISTS pull_job_next_run_at ON pull_job (next_run_at);
