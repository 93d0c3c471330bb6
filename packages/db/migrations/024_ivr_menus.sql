-- IVR menus: callers of a menu's number walk its tree of nodes by key presses. The definition is
-- checked by the control service before it is stored (no dangling branch, no loop).
CREATE TABLE ivr_menus (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,
  definition jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The way the caller took through a menu before a queue (or before they left, outcome 'ivr').
ALTER TABLE calls
  ADD COLUMN menu_id text,
  ADD COLUMN menu_path jsonb,
  ADD COLUMN menu_exit text CHECK (menu_exit IN ('queue', 'completed', 'hung-up'));
