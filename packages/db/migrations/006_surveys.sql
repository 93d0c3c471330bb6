-- Post-call satisfaction survey per queue: off, CSAT (1-5) or NPS (0-10).
ALTER TABLE queues ADD COLUMN survey jsonb NOT NULL DEFAULT '{"mode":"off"}';

-- One answered survey per call; scores are attributed to the agent who took the call.
CREATE TABLE surveys (
  call_id uuid PRIMARY KEY,
  agent_id text,
  queue_id text,
  scale text NOT NULL CHECK (scale IN ('csat', 'nps')),
  score integer NOT NULL,
  answered_at timestamptz NOT NULL
);
CREATE INDEX surveys_agent ON surveys (agent_id, answered_at);

-- Running scores, kept current by the survey worker so boards need no aggregation query.
CREATE TABLE survey_scores (
  subject_kind text NOT NULL CHECK (subject_kind IN ('agent', 'queue')),
  subject_id text NOT NULL,
  scale text NOT NULL,
  responses integer NOT NULL DEFAULT 0,
  score_sum integer NOT NULL DEFAULT 0,
  promoters integer NOT NULL DEFAULT 0,
  detractors integer NOT NULL DEFAULT 0,
  PRIMARY KEY (subject_kind, subject_id, scale)
);

-- A detractor gets a call back from a manager: one task per unhappy survey.
CREATE TABLE followups (
  id bigserial PRIMARY KEY,
  call_id uuid NOT NULL UNIQUE,
  agent_id text,
  team_id text,
  customer_number text,
  scale text NOT NULL,
  score integer NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  done_by text
);
