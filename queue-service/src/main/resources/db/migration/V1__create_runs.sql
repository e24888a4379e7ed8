CREATE TABLE runs (
    id               uuid PRIMARY KEY,
    name             text        NOT NULL,
    state            text        NOT NULL,
    created_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    task_count       int         NOT NULL,
    -- tasks not yet terminal: the run ends when this reaches 0, without scanning its tasks
    open_tasks       int         NOT NULL,
    cancel_requested boolean     NOT NULL DEFAULT false,
    version          bigint      NOT NULL DEFAULT 0
);
CREATE INDEX runs_newest ON runs (created_at DESC, id);
CREATE INDEX runs_state_newest ON runs (state, created_at DESC, id);
