-- Every task moves through four or five row versions (READY, DISPATCHED, RUNNING, an end), and
-- each old version stays in the partial indexes that the dispatcher reads on every round until
-- it is vacuumed. The default trigger (20 % of the table dead) lets a table of a million finished
-- tasks gather 200,000 dead versions first, and every dispatch round pays for them. Vacuum the hot
-- tables after a fixed number of changes instead, without the cost-based pause.
-- Where the server's autovacuum is off, the queue vacuums them itself (see TableUpkeep).
ALTER TABLE tasks SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE runs SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 500,
    autovacuum_vacuum_cost_delay = 0);
