-- The language a queue's callers hear (prompts, numbers, the agent's number): English or Mandarin.
ALTER TABLE queues ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'zh'));
