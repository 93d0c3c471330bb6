-- The caller's Asterisk channel (its uniqueid), so our records can be matched with Asterisk's own CDRs.
ALTER TABLE calls ADD COLUMN channel_id text;
CREATE INDEX calls_channel ON calls (channel_id);

-- Asterisk's CDRs for inbound calls, as AMI reported them: the other side of the reconciliation.
CREATE TABLE asterisk_cdrs (
  uniqueid text PRIMARY KEY,
  source text,
  destination text,
  context text,
  started_at timestamptz,
  answered_at timestamptz,
  ended_at timestamptz,
  disposition text,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX asterisk_cdrs_started ON asterisk_cdrs (started_at);
