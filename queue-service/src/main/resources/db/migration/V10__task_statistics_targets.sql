-- The hot tables are vacuumed and analyzed every few thousand changes (V5, TableUpkeep). ANALYZE
-- sampled 300 × 100 rows and built statistics for every column, the wide ones too (params, arrays
-- of dependencies and paths, errors): ~1 s of PostgreSQL's CPU on a 124,000-row table on a 2-core
-- machine, every 5 s under load, for statistics no statement of the queue uses. Only the columns
-- its statements filter or join on keep statistics, coarse ones (a target of 10, so a sample of
-- 3,000 rows): all of them are index lookups. ANALYZE then took ~40 ms.
-- A column added later needs a target here too (TableUpkeepTest checks that every column has one).
ALTER TABLE tasks
    ALTER COLUMN run_id SET STATISTICS 10,
    ALTER COLUMN task_id SET STATISTICS 10,
    ALTER COLUMN state SET STATISTICS 10,
    ALTER COLUMN worker SET STATISTICS 10,
    ALTER COLUMN not_before SET STATISTICS 10,
    ALTER COLUMN ready_at SET STATISTICS 10,
    ALTER COLUMN pending_deps SET STATISTICS 10,
    ALTER COLUMN effective_priority SET STATISTICS 10,
    ALTER COLUMN held_on SET STATISTICS 10,
    ALTER COLUMN continuation SET STATISTICS 10,
    ALTER COLUMN dispatched_at SET STATISTICS 10,
    ALTER COLUMN started_at SET STATISTICS 10,
    ALTER COLUMN kind SET STATISTICS 0,
    ALTER COLUMN params SET STATISTICS 0,
    ALTER COLUMN priority SET STATISTICS 0,
    ALTER COLUMN depends_on SET STATISTICS 0,
    ALTER COLUMN dependents SET STATISTICS 0,
    ALTER COLUMN writes SET STATISTICS 0,
    ALTER COLUMN reads SET STATISTICS 0,
    ALTER COLUMN mode SET STATISTICS 0,
    ALTER COLUMN timeout_ms SET STATISTICS 0,
    ALTER COLUMN max_attempts SET STATISTICS 0,
    ALTER COLUMN backoff_ms SET STATISTICS 0,
    ALTER COLUMN multiplier SET STATISTICS 0,
    ALTER COLUMN max_backoff_ms SET STATISTICS 0,
    ALTER COLUMN remaining_path SET STATISTICS 0,
    ALTER COLUMN remaining_ms SET STATISTICS 0,
    ALTER COLUMN seq SET STATISTICS 0,
    ALTER COLUMN attempt SET STATISTICS 0,
    ALTER COLUMN failures SET STATISTICS 0,
    ALTER COLUMN finished_at SET STATISTICS 0,
    ALTER COLUMN error SET STATISTICS 0,
    ALTER COLUMN version SET STATISTICS 0;
