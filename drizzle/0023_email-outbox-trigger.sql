-- The email outbox: an agent's or bot's message on an email channel gets an email_deliveries row
-- and a send job in the transaction that inserts the message, exactly as SMS does (0003), so no
-- code path (a workflow's campaign, an agent's reply, the API) can store an email it forgets to
-- send. Notes and the contact's own messages are never sent. (ch.kind is compared as text: the
-- enum value 'email' is added in this same migration run and cannot be used as a constant yet.)
CREATE OR REPLACE FUNCTION parley_queue_email() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  queued integer;
BEGIN
  INSERT INTO email_deliveries (message_id, workspace_id, channel_id, conversation_id)
  SELECT m.id, m.workspace_id, c.channel_id, c.id
  FROM inserted_rows m
  JOIN conversations c ON c.id = m.conversation_id
  JOIN channels ch ON ch.id = c.channel_id AND ch.kind::text = 'email'
  WHERE m.kind = 'message' AND m.author_type IN ('agent', 'bot')
  ORDER BY m.created_at, m.id
  ON CONFLICT (message_id) DO NOTHING;
  GET DIAGNOSTICS queued = ROW_COUNT;
  IF queued > 0 THEN
    PERFORM graphile_worker.add_job('email-send', '{}'::json, job_key := 'email-send:kick', max_attempts := 3);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_queue_email AFTER INSERT ON messages
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION parley_queue_email();
