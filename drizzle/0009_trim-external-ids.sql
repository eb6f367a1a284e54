-- One external id rule (lib/contacts/external-id.ts): whitespace around an id is not part of it.
-- Ids stored before the rule ("crm-77 ") are trimmed (the same characters as JavaScript's trim());
-- one that would then clash with another contact's id is left for a person to merge.
WITH trimmed AS (
  SELECT id, workspace_id, external_id,
    NULLIF(regexp_replace(external_id,
      '^[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$',
      '', 'g'), '') AS value
  FROM contacts
  WHERE external_id IS NOT NULL
), unclashing AS (
  SELECT id, value FROM (
    SELECT t.*, count(*) OVER (PARTITION BY workspace_id, value) AS same
    FROM trimmed t
  ) counted
  WHERE external_id IS DISTINCT FROM value AND (value IS NULL OR same = 1)
)
UPDATE contacts c SET external_id = u.value
FROM unclashing u
WHERE c.id = u.id;
