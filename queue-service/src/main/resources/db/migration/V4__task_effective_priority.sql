-- Ageing: the dispatch order reads a stored effective priority, which starts at the priority and
-- which the sweeper raises while a task waits READY. Stored, not computed in the ORDER BY, so that
-- the partial index below still serves each dispatch round.
ALTER TABLE tasks ADD COLUMN effective_priority int;
UPDATE tasks SET effective_priority = priority;
ALTER TABLE tasks ALTER COLUMN effective_priority SET NOT NULL;

DROP INDEX tasks_ready_order;
CREATE INDEX tasks_ready_order ON tasks (effective_priority DESC, remaining_path DESC, seq) WHERE state = 'READY';
