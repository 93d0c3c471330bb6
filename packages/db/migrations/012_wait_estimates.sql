-- Wait estimates announced to a caller before an agent answered, and how far off they were in
-- total (seconds): the estimate-accuracy KPI is the summed error over the summed count.
ALTER TABLE calls
  ADD COLUMN estimates integer NOT NULL DEFAULT 0,
  ADD COLUMN estimate_error_secs numeric(12, 3) NOT NULL DEFAULT 0;
