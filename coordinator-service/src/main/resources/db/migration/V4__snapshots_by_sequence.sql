-- A snapshot becomes a point in the workspace's history instead of a copy of every live file's
-- version (V2 wrote one snapshot_files row per live file, and a changeset takes a snapshot: a
-- workspace of F files grew by F rows per changeset).
--
-- Every version now carries the number of its transaction: the head's counter, advanced once by
-- each writing transaction after it locked its paths' rows, whose row lock it then holds to its
-- commit, so numbers are given in commit order and every number up to the committed head belongs
-- to committed versions. A snapshot at S holds, per path, the newest version numbered S or lower,
-- unless it is a deletion.
ALTER TABLE file_versions ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE file_versions ALTER COLUMN seq DROP DEFAULT;

CREATE TABLE workspace_head (
    only_row   BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    seq        BIGINT NOT NULL,
    -- paths whose current version is not deleted: a snapshot's file count without counting them
    live_files INT    NOT NULL
);
INSERT INTO workspace_head (seq, live_files)
SELECT 0, COUNT(*) FROM files f
JOIN file_versions v ON v.path = f.path AND v.version = f.version
WHERE NOT v.deleted;

-- seq NULL: a snapshot taken before this migration, whose versions stay listed in snapshot_files.
ALTER TABLE snapshots ADD COLUMN seq BIGINT;
ALTER TABLE snapshots ADD COLUMN files INT;
UPDATE snapshots s SET files = (SELECT COUNT(*) FROM snapshot_files sf WHERE sf.snapshot_id = s.id);
ALTER TABLE snapshots ALTER COLUMN files SET NOT NULL;

-- The paths written between two snapshots: what a diff compares and a rollback restores.
CREATE INDEX file_versions_by_seq ON file_versions (seq);
