-- Content-addressed: equal bytes are stored once, whatever their path or version.
CREATE TABLE blobs (
    sha256 CHAR(64) PRIMARY KEY,
    size   BIGINT   NOT NULL,
    bytes  BYTEA    NOT NULL
);

-- Every version of every path; a row is never changed once written.
CREATE TABLE file_versions (
    path       TEXT        NOT NULL,
    version    INT         NOT NULL,
    sha256     CHAR(64)    NOT NULL REFERENCES blobs (sha256),
    deleted    BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    holder     TEXT,
    PRIMARY KEY (path, version)
);

-- The current version per path; its row lock serialises writers of one path.
CREATE TABLE files (
    path    TEXT PRIMARY KEY,
    version INT  NOT NULL
);
