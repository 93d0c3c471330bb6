-- Outbound calls (click-to-dial): the call's outcome is 'outbound', reported apart from the calls
-- queues took; this says how it went.
ALTER TABLE calls
  ADD COLUMN outbound_status text CHECK (outbound_status IN ('answered', 'no-answer', 'busy', 'failed', 'cancelled'));
