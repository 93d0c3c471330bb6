-- Callers a centre will not take (abuse, fraud, nuisance): an exact number, or a prefix (the
-- pattern ends in '*'), with the reason, what the caller gets, and when the block lapses.
CREATE TABLE blocked_numbers (
  id uuid PRIMARY KEY,
  pattern text NOT NULL UNIQUE CHECK (pattern ~ '^\+?[0-9]{1,20}\*?$'),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  -- 'message': answered, told the number is not taken, released; 'reject': refused unanswered.
  action text NOT NULL CHECK (action IN ('message', 'reject')),
  expires_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
