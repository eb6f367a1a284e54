-- The SMS and email outbox triggers (0003, 0023) look up every inserted message's conversation
-- to find its channel's kind: a thousand primary-key lookups per statement of a fan-out batch,
-- for each trigger. Where none of the statement's workspaces has a channel of that kind (an SMS
-- trigger in a workspace without SMS, an email trigger without email), no message can be queued,
-- and the trigger now stops after one look at the workspace's channels. Otherwise unchanged.
CREATE OR REPLACE FUNCTION parley_queue_sms() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  queued integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM channels ch WHERE ch.kind = 'sms' AND ch.workspace_id IN (SELECT m.workspace_id FROM inserted_rows m)) THEN
    RETURN NULL;
  END IF;
  INSERT INTO sms_deliveries (message_id, workspace_id, channel_id, conversation_id)
  SELECT m.id, m.workspace_id, c.channel_id, c.id
  FROM inserted_rows m
  JOIN conversations c ON c.id = m.conversation_id
  JOIN channels ch ON ch.id = c.channel_id AND ch.kind = 'sms'
  WHERE m.kind = 'message' AND m.author_type IN ('agent', 'bot')
  ORDER BY m.created_at, m.id
  ON CONFLICT (message_id) DO NOTHING;
  GET DIAGNOSTICS queued = ROW_COUNT;
  IF queued > 0 THEN
    PERFORM graphile_worker.add_job('sms-send', '{}'::json, job_key := 'sms-send:kick', max_attempts := 3);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION parley_queue_email() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  queued integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM channels ch WHERE ch.kind = 'email' AND ch.workspace_id IN (SELECT m.workspace_id FROM inserted_rows m)) THEN
    RETURN NULL;
  END IF;
  INSERT INTO email_deliveries (message_id, workspace_id, channel_id, conversation_id)
  SELECT m.id, m.workspace_id, c.channel_id, c.id
  FROM inserted_rows m
  JOIN conversations c ON c.id = m.conversation_id
  JOIN channels ch ON ch.id = c.channel_id AND ch.kind = 'email'
  WHERE m.kind = 'message' AND m.author_type IN ('agent', 'bot')
  ORDER BY m.created_at, m.id
  ON CONFLICT (message_id) DO NOTHING;
  GET DIAGNOSTICS queued = ROW_COUNT;
  IF queued > 0 THEN
    PERFORM graphile_worker.add_job('email-send', '{}'::json, job_key := 'email-send:kick', max_attempts := 3);
  END IF;
  RETURN NULL;
END $$;
