-- Quality review of calls: forms with weighted criteria, and one review per call and reviewer.
CREATE TABLE qa_forms (
  id text PRIMARY KEY,
  name text NOT NULL,
  -- [{ "id": "greeting", "label": "Greets and identifies", "weight": 10 }, …]
  criteria jsonb NOT NULL
);

CREATE TABLE qa_reviews (
  id bigserial PRIMARY KEY,
  call_id uuid NOT NULL,
  agent_id text NOT NULL,
  form_id text NOT NULL REFERENCES qa_forms (id),
  reviewer text NOT NULL,
  -- criterion id → 0..5, and the weighted total 0..100 as of the form when reviewed
  scores jsonb NOT NULL,
  total numeric(5, 2) NOT NULL CHECK (total BETWEEN 0 AND 100),
  comment text NOT NULL DEFAULT '',
  reviewed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (call_id, reviewer)
);
CREATE INDEX qa_reviews_agent ON qa_reviews (agent_id, reviewed_at);
