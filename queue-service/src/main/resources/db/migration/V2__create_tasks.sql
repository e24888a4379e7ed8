CREATE SEQUENCE task_seq CACHE 1000;

CREATE TABLE tasks (
    run_id         uuid        NOT NULL REFERENCES runs (id),
    task_id        text        NOT NULL,
    kind           text        NOT NULL,
    params         jsonb       NOT NULL,
    priority       int         NOT NULL,
    depends_on     text[]      NOT NULL,
    dependents     text[]      NOT NULL,
    writes         text[]      NOT NULL,
    reads          text[]      NOT NULL,
    mode           text        NOT NULL,
    timeout_ms     bigint      NOT NULL,
    max_attempts   int         NOT NULL,
    backoff_ms     bigint      NOT NULL,
    multiplier     double precision NOT NULL,
    max_backoff_ms bigint      NOT NULL,
    remaining_path int         NOT NULL,
    seq            bigint      NOT NULL,
    state          text        NOT NULL,
    attempt        int         NOT NULL DEFAULT 0,
    failures       int         NOT NULL DEFAULT 0,
    worker         text,
    not_before     timestamptz NOT NULL DEFAULT '-infinity',
    dispatched_at  timestamptz,
    ready_at       timestamptz,
    started_at     timestamptz,
    finished_at    timestamptz,
    error          text,
    pending_deps   int         NOT NULL,
    version        bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, task_id)
);

-- The dispatch order; only READY rows are in it, so it stays small however big the history.
CREATE INDEX tasks_ready_order ON tasks (priority DESC, remaining_path DESC, seq) WHERE state = 'READY';
-- Active attempts: in-flight counts, resource conflicts, timeouts, dead workers.
CREATE INDEX tasks_active ON tasks (worker, dispatched_at) WHERE state IN ('DISPATCHED', 'RUNNING');
CREATE INDEX tasks_seq ON tasks (run_id, seq);
