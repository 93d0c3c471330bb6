-- Differences between the control service's view and Asterisk's that the reconciler corrected,
-- each with the evidence it acted on (what we believed, what Asterisk had, when first seen).
CREATE TABLE state_corrections (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  call_id uuid,
  agent_id text,
  evidence jsonb NOT NULL
);
CREATE INDEX state_corrections_at ON state_corrections (at DESC);
