-- Ties within a priority go to the task with the longest expected remaining path in milliseconds
-- (sleeps count their ms, kinds of unknown length 0), then in tasks, then first-come: the
-- critical path is started first. Rows stored before this column existed count 0 ms, i.e. the
-- old order by tasks.
ALTER TABLE tasks ADD COLUMN remaining_ms bigint NOT NULL DEFAULT 0;

DROP INDEX tasks_ready_order;
CREATE INDEX tasks_ready_order ON tasks (effective_priority DESC, remaining_ms DESC, remaining_path DESC, seq)
    WHERE state = 'READY';
