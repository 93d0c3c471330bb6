-- "What was every agent doing when this call was offered" is read from the intervals covering
-- that moment; those still open at it end after it, a handful of rows for any recent moment.
CREATE INDEX agent_state_intervals_ended ON agent_state_intervals (ended_at);
