/** The document's introduction (CommonMark), shown above the endpoints on the docs page too. */
export const API_DESCRIPTION = `Parley's REST API lets a third-party system (a bot platform, a CRM) start and carry conversations.

## Authentication
Create an API key in **Settings › API keys** and send it as \`Authorization: Bearer <key>\`. A key belongs to one workspace and has scopes; it is shown once and stored hashed. Revoked keys are refused at once.

## Requests and errors
Bodies are JSON (\`Content-Type: application/json\`, at most 256 KB). Unknown fields are refused. Errors are JSON: \`{"error": {"code": "...", "message": "..."}}\`; the \`code\` is stable, the message is for people.

## Idempotency
Send an \`Idempotency-Key\` header (1–255 printable characters, e.g. a UUID) on POST and PUT requests to make retries safe: the same key with the same body returns the stored response (with \`Idempotent-Replayed: true\`) and changes nothing; the same key with another body is refused with 409. Keys are kept for 24 hours. A request that failed can be retried with its key.

## Rate limits
Each key may make 120 requests a minute by default. Every response carries \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\`; over the limit the answer is 429 with \`Retry-After\` (seconds).

## Webhooks
A channel's integration receives \`conversation.created\`, \`message.created\`, \`conversation.opened\` and \`conversation.closed\` as POSTs to its URL, in order per conversation, and \`contact.deleted\` when a contact who had a conversation on its channel is erased (\`data.contact\` is \`{id, externalId}\`, \`data.conversations\` lists \`{id, externalRef}\`: erase your copy), retried with exponential backoff for about four hours. Each carries \`Parley-Delivery-Id\` (the same on every retry: drop ids you have processed), \`Parley-Event\` and \`Parley-Signature: t=<unix seconds>,v1=<hex>\`, where v1 is HMAC-SHA256 of \`<t>.<raw body>\` keyed with the integration's signing secret. Reject a signature that does not match, or a \`t\` more than five minutes away from your clock.

## Plans
Channels other than the default chat, \`customerDestination\`, \`customerIdentifier\` and \`createInThirdParty\` are Enterprise features; on a Free workspace they are refused with 403 \`enterprise_required\`.`;
