-- A task row names its run without a foreign key. The constraint checked every row of a submit's
-- COPY on its own (one trigger and one lookup of the run per task), which doubled the time a
-- 2,000-task run took to store (8.6-9.0 ms without it, 16.8-18.7 ms with it, measured with the
-- same rows). Nothing can orphan a task instead: RunStore.insert writes the run and its tasks in
-- one transaction, the run first, and neither runs nor tasks are ever deleted.
ALTER TABLE tasks DROP CONSTRAINT IF EXISTS tasks_run_id_fkey;
