-- Relays: besides the one task held in line behind a dependency (its continuation), the other
-- dependents that wait on it alone may be held on it too, each for a worker of its own, and
-- forwarded there by the dependency's worker when it succeeds. They are found by held_on.
CREATE INDEX tasks_held_on ON tasks (run_id, held_on) WHERE held_on IS NOT NULL;
