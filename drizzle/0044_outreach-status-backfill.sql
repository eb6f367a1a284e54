-- Workflow conversations started before migration 0028 (outreach-status) have no delivery status,
-- so the Results page left them out of its funnel. A first message a workflow sent to a contact
-- (Start a Conversation's own message: dedupe key 'start:<node>', not written as the contact, not a test
-- run's) becomes "replied" if the contact wrote in that conversation after it, otherwise "sent"
-- (whether it was delivered or seen was never recorded). Notes and From Contact starts stay NULL.
UPDATE "conversations" c SET
  "outreach_status" = CASE WHEN r.replied_at IS NOT NULL THEN 'replied' ELSE 'sent' END::"outreach_status",
  "outreach_sent_at" = f.created_at,
  "outreach_status_at" = coalesce(r.replied_at, f.created_at)
FROM "messages" f
  JOIN "workflow_runs" run ON true
  LEFT JOIN LATERAL (
    SELECT min(m.created_at) AS replied_at FROM "messages" m
    WHERE m.conversation_id = f.conversation_id AND m.author_type = 'contact' AND m.created_at >= f.created_at
  ) r ON true
WHERE c.outreach_status IS NULL AND c.run_id IS NOT NULL AND c.node_id IS NOT NULL
  AND run.id = c.run_id AND NOT run.is_test
  AND f.conversation_id = c.id AND f.dedupe_key = 'start:' || c.node_id AND f.kind = 'message' AND f.author_type <> 'contact';
