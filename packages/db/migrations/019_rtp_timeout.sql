-- A phone that vanished without hanging up (crashed, unplugged, out of coverage) sends no more
-- audio: two minutes of none ends its call, so the customer is not left on a dead line for ever.
-- A live phone sends audio all the time, muted or not (muting is done in Asterisk).
ALTER TABLE ps_endpoints ADD COLUMN rtp_timeout text NOT NULL DEFAULT '120';
