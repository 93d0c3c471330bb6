-- Asterisk PJSIP realtime: agent SIP accounts live here so provisioning is live.
CREATE TABLE ps_aors (
  id text PRIMARY KEY,
  max_contacts integer NOT NULL DEFAULT 1,
  remove_existing text NOT NULL DEFAULT 'yes',
  qualify_frequency integer NOT NULL DEFAULT 0
);

CREATE TABLE ps_auths (
  id text PRIMARY KEY,
  auth_type text NOT NULL DEFAULT 'userpass',
  username text NOT NULL,
  password text NOT NULL
);

CREATE TABLE ps_endpoints (
  id text PRIMARY KEY,
  transport text NOT NULL DEFAULT 'transport-udp',
  aors text NOT NULL,
  auth text NOT NULL,
  context text NOT NULL DEFAULT 'from-agents',
  disallow text NOT NULL DEFAULT 'all',
  allow text NOT NULL DEFAULT 'ulaw,alaw,gsm',
  direct_media text NOT NULL DEFAULT 'no',
  rtp_symmetric text NOT NULL DEFAULT 'yes',
  force_rport text NOT NULL DEFAULT 'yes',
  rewrite_contact text NOT NULL DEFAULT 'yes',
  callerid text
);

CREATE TABLE teams (
  id text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE skills (
  id text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE queues (
  id text PRIMARY KEY,
  name text NOT NULL,
  number text NOT NULL UNIQUE,
  strategy text NOT NULL DEFAULT 'longest-idle' CHECK (strategy IN ('longest-idle', 'best-skill')),
  weight integer NOT NULL DEFAULT 1,
  sl_threshold_secs integer NOT NULL DEFAULT 20,
  sl_target_pct integer NOT NULL DEFAULT 80,
  ring_timeout_secs integer NOT NULL DEFAULT 15,
  wrapup_secs integer NOT NULL DEFAULT 10,
  max_wait_secs integer NOT NULL DEFAULT 600,
  max_waiting integer NOT NULL DEFAULT 50,
  announce_interval_secs integer NOT NULL DEFAULT 30,
  overflow jsonb NOT NULL DEFAULT '{"kind":"goodbye"}',
  expansion jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE queue_skills (
  queue_id text NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  skill_id text NOT NULL REFERENCES skills(id),
  min_level integer NOT NULL CHECK (min_level BETWEEN 1 AND 10),
  PRIMARY KEY (queue_id, skill_id)
);

CREATE TABLE agents (
  id text PRIMARY KEY,                -- the extension, also the PJSIP endpoint id
  name text NOT NULL,
  team_id text REFERENCES teams(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agent_skills (
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  skill_id text NOT NULL REFERENCES skills(id),
  level integer NOT NULL CHECK (level BETWEEN 1 AND 10),
  PRIMARY KEY (agent_id, skill_id)
);

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  agent_id text REFERENCES agents(id) ON DELETE CASCADE,
  team_id text REFERENCES teams(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE customers (
  number text PRIMARY KEY,
  name text,
  tier text NOT NULL DEFAULT 'standard',
  notes text
);

CREATE TABLE agent_state_intervals (
  id bigserial PRIMARY KEY,
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  state text NOT NULL,
  reason text,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  UNIQUE (agent_id, started_at)
);

-- One row per customer call; written by the workers from call events.
CREATE TABLE calls (
  id uuid PRIMARY KEY,
  queue_id text,
  customer_number text,
  customer_tier text,
  agent_id text,
  enqueued_at timestamptz,
  answered_at timestamptz,
  ended_at timestamptz,
  outcome text,
  wait_secs numeric(10, 3),
  talk_secs numeric(10, 3),
  hangup_by text
);

-- Append-only timeline. The id is the event's stable id, so a replayed job writes nothing new.
CREATE TABLE call_events (
  id text PRIMARY KEY,
  call_id uuid NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX call_events_call ON call_events (call_id, at);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  subject text,
  data jsonb NOT NULL DEFAULT '{}'
);
