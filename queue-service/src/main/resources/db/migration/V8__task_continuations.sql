-- Continuations: a PENDING task whose last unfinished dependency is active is sent ahead to that
-- dependency's worker, which starts it the moment the dependency succeeds there.
--   held_on      on the held task: the dependency it waits for (its worker and attempt are set)
--   continuation on the dependency: the task held on it
-- Both are scheduling marks beside the state, like effective_priority: setting or clearing them
-- does not bump the version.
ALTER TABLE tasks ADD COLUMN held_on text;
ALTER TABLE tasks ADD COLUMN continuation text;
