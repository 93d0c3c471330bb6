-- Wallboard alert thresholds per queue (abandon rate, longest wait, agent time in one state).
ALTER TABLE queues ADD COLUMN alerts jsonb NOT NULL
  DEFAULT '{"abandonPctMax": 10, "waitSecsMax": 120, "agentStateSecsMax": 1800}';

-- A caller the agent passed to another queue continues there as a new call; this row says where.
ALTER TABLE calls ADD COLUMN transferred_to text;

-- Browser softphones: each agent also gets a WebRTC endpoint ("web" + extension) on the websocket
-- transport. webrtc=yes turns on DTLS-SRTP, ICE, AVPF and rtcp-mux with a generated certificate.
ALTER TABLE ps_endpoints ADD COLUMN webrtc text;
ALTER TABLE ps_endpoints ADD COLUMN media_address text;
-- Asterisk's CLI reads this column when listing contacts of realtime AORs.
ALTER TABLE ps_aors ADD COLUMN contact text;
