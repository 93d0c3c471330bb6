-- Desk phones may register over UDP on loopback, or over TLS (or UDP) on the address agents
-- reach: no transport is forced per endpoint any more, and requests to a phone go back over the
-- transport (the very TLS connection) it registered on. SRTP keys (SDES) are offered to every desk
-- phone; one that answers with plain RTP still gets a call (optimistic), so the demo's UDP phones work.
ALTER TABLE ps_endpoints ALTER COLUMN transport DROP NOT NULL, ALTER COLUMN transport DROP DEFAULT;
ALTER TABLE ps_endpoints ADD COLUMN symmetric_transport text;
ALTER TABLE ps_endpoints ADD COLUMN media_encryption text;
ALTER TABLE ps_endpoints ADD COLUMN media_encryption_optimistic text;
UPDATE ps_endpoints SET transport = NULL, symmetric_transport = 'yes', media_encryption = 'sdes', media_encryption_optimistic = 'yes'
  WHERE transport = 'transport-udp';
