-- Wallboard alert thresholds per queue (abandon rate, longest wait, agent time in one state).
ALTER TABLE queues ADD COLUMN alerts jsonb NOT NULL
  DEFAULT '{"abandonPctMax": 10, "waitSecsMax": 120, "agentStateSecsMax": 1800}';
