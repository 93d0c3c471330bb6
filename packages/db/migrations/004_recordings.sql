-- Recording policy per queue: record every call, none, or a sample.
ALTER TABLE queues ADD COLUMN recording jsonb NOT NULL DEFAULT '{"mode":"all","samplePct":100}';

-- One recording per answered call (its id is the call's id). A recording that could not be
-- stored is kept as a failed row with the reason, never dropped silently.
CREATE TABLE recordings (
  id uuid PRIMARY KEY,
  call_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('stored', 'failed', 'deleted')),
  failure_reason text,
  path text,
  format text NOT NULL DEFAULT 'wav',
  secs numeric(10, 3),
  bytes bigint,
  sha256 text,
  paused_spans jsonb NOT NULL DEFAULT '[]',
  started_at timestamptz,
  stored_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX recordings_started ON recordings (started_at);
