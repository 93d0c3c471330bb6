-- What the rest of a call's life adds to its row: ring and after-call work, the agent's wrap-up,
-- the survey, the recording. Filled by the workers from call events, like the rest of the row.
ALTER TABLE calls
  ADD COLUMN ring_secs numeric(10, 3),
  ADD COLUMN hold_secs numeric(10, 3) NOT NULL DEFAULT 0,
  ADD COLUMN wrapup_secs numeric(10, 3),
  ADD COLUMN disposition text,
  ADD COLUMN disposition_note text,
  ADD COLUMN survey_offered boolean NOT NULL DEFAULT false,
  ADD COLUMN survey_scale text CHECK (survey_scale IN ('csat', 'nps')),
  ADD COLUMN survey_score integer,
  ADD COLUMN recording_id text;

CREATE INDEX calls_enqueued_at ON calls (enqueued_at);
CREATE INDEX calls_agent ON calls (agent_id, enqueued_at);
CREATE INDEX calls_customer ON calls (customer_number, enqueued_at);
CREATE INDEX agent_state_intervals_period ON agent_state_intervals (started_at, ended_at);
