-- API tokens for integrations (CRM, reporting, scripts): a name, a role with team scope, a secret
-- kept only as its SHA-256 (it is 32 random bytes, so a slow hash adds nothing), expiry, revocation.
CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('supervisor', 'admin')),
  team_id text,
  secret_sha256 text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
