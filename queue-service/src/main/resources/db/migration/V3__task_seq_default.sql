-- Submission order comes from the sequence even when rows arrive through COPY.
ALTER TABLE tasks ALTER COLUMN seq SET DEFAULT nextval('task_seq');
