-- Callbacks: per-queue policy, and on the call's row what became of the callback the caller asked
-- for (the call's outcome is then 'callback': reported on its own, never as an abandon).
ALTER TABLE queues ADD COLUMN callback jsonb NOT NULL
  DEFAULT '{"enabled": false, "key": "1", "maxAttempts": 3, "retryAfterSecs": 300, "ringSecs": 30, "window": {"from": "08:00", "to": "20:00"}}';

ALTER TABLE calls
  ADD COLUMN callback_requested_at timestamptz,
  -- completed (the customer talked to an agent), failed (every attempt unanswered) or cancelled.
  ADD COLUMN callback_status text CHECK (callback_status IN ('completed', 'failed', 'cancelled')),
  ADD COLUMN callback_attempts integer NOT NULL DEFAULT 0;
