/**
 * THE list of error codes. Every error a person or an API client can see names one of these; the
 * code fixes its HTTP status, and the public API's documentation (OpenAPI) is generated from this
 * list, so no code reaches a client undocumented. Codes are a public contract: add new ones,
 * never rename or reuse one. Importable anywhere (the browser branches on codes too).
 */
export const ERROR_CODES = {
  invalid_input: { status: 400, description: "The request or one of its fields is not valid; `issues` (or the message) says which." },
  malformed_json: { status: 400, description: "The body is not well-formed JSON." },
  invalid_idempotency_key: { status: 400, description: "The Idempotency-Key header is empty, too long or not printable." },
  invalid_phone: { status: 400, description: "A phone number that is not in international (E.164) format." },
  invalid_snooze: { status: 400, description: "A snooze time that is not in the future." },
  invalid_text: { status: 400, description: "Text Parley cannot store: a NUL character, an unpaired UTF-16 surrogate, or bytes that are not UTF-8 (`details.path` names the field)." },
  invalid_destination: { status: 400, description: "A URL Parley will not connect to (an SMS provider's, a mail server's): it is or resolves to a private, loopback or otherwise non-public address, or does not resolve." },
  sender_not_allowed: { status: 400, description: "An email channel's From address that its transport may not send as (through the install's own mail server, only addresses in MAIL_FROM's domain)." },
  invalid_webhook_url: { status: 400, description: "A webhook URL that Parley will not call (not HTTPS, or pointing at a private address)." },
  unauthorized: { status: 401, description: "No credentials, unknown ones, or revoked ones (a missing or bad API key, no session)." },
  chat_session_invalid: { status: 401, description: "The chat session has ended or was never valid." },
  forbidden: { status: 403, description: "The caller may not do this (their role is too low)." },
  insufficient_scope: { status: 403, description: "The API key lacks the scope this endpoint needs (`details.requiredScope`)." },
  enterprise_required: { status: 403, description: "An Enterprise feature on a Free workspace." },
  invalid_signature: { status: 403, description: "A webhook from a provider whose signature does not match." },
  invalid_link: { status: 410, description: "A link that cannot be used: a single-use link (a password reset, an email confirmation) that is unknown, expired or already used, or an email's unsubscribe link whose signature does not match or whose workspace is gone." },
  not_found: { status: 404, description: "No such resource in the caller's workspace; another workspace's resources are indistinguishable from missing ones." },
  conflict: { status: 409, description: "The change clashes with the current state of the resource." },
  idempotency_key_reused: { status: 409, description: "The Idempotency-Key was used before with a different request." },
  idempotency_key_in_use: { status: 409, description: "A request with this Idempotency-Key is still in flight." },
  invalid_transition: { status: 409, description: "The conversation's state does not allow this (e.g. closing a closed conversation)." },
  workflow_not_live: { status: 409, description: "The workflow is not published, so it has no live version to run, pause or resume." },
  workflow_paused: { status: 409, description: "The workflow is paused; resume it before running it on contacts." },
  draft_conflict: { status: 409, description: "The workflow's draft was saved elsewhere since it was loaded (`details.currentRevision`)." },
  contact_exists: { status: 409, description: "Another contact of the workspace already has this email (ignoring case), phone or external id; `details` names it (`field`, `contactId`, `contactName`)." },
  reply_domain_taken: { status: 409, description: "Another email channel (of any workspace on this install) already receives mail at this reply domain; each reply domain belongs to one channel." },
  last_owner: { status: 409, description: "The change would leave the workspace without an owner: make someone else an owner first." },
  already_member: { status: 409, description: "The person (by email) is already a member of the workspace." },
  team_in_use: { status: 409, description: "A published workflow assigns conversations to the team (`details.workflows` names them); change those workflows first." },
  not_redeliverable: { status: 409, description: "The webhook delivery is already waiting to be sent, or does not exist." },
  invitation_unusable: { status: 410, description: "The invitation was revoked, has expired or was already accepted; ask for a new one." },
  payload_too_large: { status: 413, description: "The body is larger than the endpoint accepts." },
  unsupported_media_type: { status: 415, description: "The body is not of the type the endpoint reads: JSON, or a file sent as application/octet-stream." },
  invalid_file_type: { status: 415, description: "An uploaded file whose bytes are not of a type accepted there (an avatar: PNG, JPEG, WebP or GIF), whatever its name says." },
  round_robin_off: { status: 422, description: "\"Team (round robin)\" chosen for a team whose automatic assignment is off: turn it on in the team's settings, or assign the team itself." },
  unprocessable: { status: 422, description: "Valid input that cannot be acted on (e.g. an unusable destination)." },
  contact_unsubscribed: { status: 422, description: "The contact unsubscribed from this kind of channel (email, SMS or chat), so Parley will not start a conversation to them on it." },
  address_bouncing: { status: 422, description: "The email address or phone number bounces (hard bounce, complaint or a permanent provider failure), so Parley sends it nothing more." },
  missing_variables: { status: 422, description: "A message uses a variable with no value for this contact and no fallback (`details` lists them)." },
  invalid_graph: { status: 422, description: "The workflow's graph has problems that block this (`details.issues`, one per step)." },
  rate_limited: { status: 429, description: "Too many requests; wait Retry-After seconds." },
  database_unavailable: { status: 503, description: "Parley cannot reach its database just now (a restart or failover); nothing was changed. Retry after Retry-After seconds." },
  internal_error: { status: 500, description: "Something failed on Parley's side; nothing is shown of it but this code." },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

/**
 * An error whose message is written for the person who caused it. Anything else that escapes
 * an action or a route is logged and answered with a generic message (internal_error).
 */
export class SafeError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "SafeError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export const notFound = (what = "That item") => new SafeError("not_found", `${what} was not found.`);

export const forbidden = (message = "You don't have permission to do that.") => new SafeError("forbidden", message);

export const unauthorized = () => new SafeError("unauthorized", "Sign in to continue.");

export const GENERIC_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";
