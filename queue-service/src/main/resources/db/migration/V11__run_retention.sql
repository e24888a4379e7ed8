-- Retention: finished runs are deleted with their tasks once they finished longer ago than the
-- queue's retention (RunRetention), oldest first. This index finds them without reading the runs
-- still RUNNING (whose finished_at is null) or the whole table.
CREATE INDEX runs_finished ON runs (finished_at, id) WHERE finished_at IS NOT NULL;
