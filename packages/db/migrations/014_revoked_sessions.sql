-- Sessions ended before their expiry (logout, or revoked by an admin). A session token is
-- stateless, so it stays valid until it expires unless its id is listed here; rows past the
-- session's own expiry are no longer needed and are pruned.
CREATE TABLE revoked_sessions (
  session_id text PRIMARY KEY,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz NOT NULL DEFAULT now()
);
