-- Which control instance leads a stack, and its epoch: taking the lead increments the epoch, and
-- the leader stamps it on every snapshot write, so a deposed leader's late writes are refused.
-- The lead itself is a session-level advisory lock, released by PostgreSQL when its holder dies.
CREATE TABLE control_leadership (
  instance text PRIMARY KEY,
  epoch bigint NOT NULL,
  holder text NOT NULL,
  since timestamptz NOT NULL
);
