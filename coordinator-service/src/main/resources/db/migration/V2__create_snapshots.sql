CREATE TABLE snapshots (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A snapshot is only a map path -> version: cheap, since versions are immutable.
CREATE TABLE snapshot_files (
    snapshot_id BIGINT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    path        TEXT   NOT NULL,
    version     INT    NOT NULL,
    PRIMARY KEY (snapshot_id, path)
);
