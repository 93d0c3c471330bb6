-- A supervisor monitors calls on their own phone: a PJSIP account like an agent's, not an agent.
ALTER TABLE users ADD COLUMN extension text UNIQUE;
