-- One row per committed changeset (a task's edits, an import); its files say which versions it wrote,
-- which is what rolling back a run needs.
CREATE TABLE changesets (
    id          BIGSERIAL PRIMARY KEY,
    run_id      TEXT,
    task_id     TEXT,
    attempt     INT,
    holder      TEXT,
    mode        TEXT        NOT NULL,
    snapshot_id BIGINT      NOT NULL REFERENCES snapshots (id),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX changesets_by_run ON changesets (run_id);

CREATE TABLE changeset_files (
    changeset_id BIGINT  NOT NULL REFERENCES changesets (id),
    path         TEXT    NOT NULL,
    base_version INT,
    version      INT     NOT NULL,
    merged       BOOLEAN NOT NULL,
    deleted      BOOLEAN NOT NULL,
    PRIMARY KEY (changeset_id, path)
);
CREATE INDEX changeset_files_by_path ON changeset_files (path, version);

-- A write that could not land. A NULL hash means that side had no file (absent or deleted).
-- ours = what the writer wanted, theirs = what the workspace held, base = what ours was based on.
CREATE TABLE conflicts (
    id              BIGSERIAL PRIMARY KEY,
    kind            TEXT        NOT NULL,
    run_id          TEXT,
    task_id         TEXT,
    attempt         INT,
    holder          TEXT,
    path            TEXT        NOT NULL,
    base_version    INT,
    current_version INT         NOT NULL,
    base_sha256     CHAR(64) REFERENCES blobs (sha256),
    ours_sha256     CHAR(64) REFERENCES blobs (sha256),
    theirs_sha256   CHAR(64) REFERENCES blobs (sha256),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX conflicts_by_run ON conflicts (run_id, id);
