-- Each queue's voicemail box: one message per call that left one (its id is the call's id), worked
-- through like a to-do list: new → assigned to an agent → called back, or closed.
CREATE TABLE voicemail_messages (
  id uuid PRIMARY KEY,
  queue_id text NOT NULL,
  customer_number text NOT NULL,
  left_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'called-back', 'closed')),
  assignee_id text REFERENCES agents(id),
  -- 'stored' while the file is kept; 'deleted' once retention removed it (the message stays listed).
  audio text NOT NULL DEFAULT 'stored' CHECK (audio IN ('stored', 'deleted')),
  path text,
  secs numeric(10, 3) NOT NULL,
  bytes bigint NOT NULL,
  sha256 text NOT NULL,
  heard_at timestamptz,
  heard_by text,
  note text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL DEFAULT 'system',
  CHECK (status <> 'assigned' OR assignee_id IS NOT NULL)
);
CREATE INDEX voicemail_messages_box ON voicemail_messages (queue_id, status, left_at DESC);
CREATE INDEX voicemail_messages_assignee ON voicemail_messages (assignee_id, status) WHERE assignee_id IS NOT NULL;

-- Who did what to a message, in order: left, heard, assigned, called back, closed, noted.
CREATE TABLE voicemail_message_history (
  id bigserial PRIMARY KEY,
  message_id uuid NOT NULL REFERENCES voicemail_messages(id),
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL CHECK (action IN ('left', 'heard', 'changed')),
  status text NOT NULL,
  assignee_id text,
  note text
);
CREATE INDEX voicemail_message_history_message ON voicemail_message_history (message_id, id);
