import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb, type Tx } from "../db/client";
import { SafeError } from "../errors";

export type ApiResult = { status: number; body: unknown };

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function readIdempotencyKey(request: Request): string | null {
  const key = request.headers.get("idempotency-key");
  if (key === null) return null;
  if (!KEY_PATTERN.test(key)) {
    throw new SafeError("invalid_idempotency_key", "An Idempotency-Key is 1 to 255 printable characters, e.g. a UUID.");
  }
  return key;
}

/** What makes two requests "the same": method, path and the exact body bytes. */
export function requestFingerprint(request: Request, rawBody: string): string {
  const url = new URL(request.url);
  return createHash("sha256").update(`${request.method} ${url.pathname}\n${rawBody}`).digest("hex");
}

/**
 * Runs a write in one transaction together with its idempotency record. The record's primary key
 * (api key, idempotency key) is inserted first: a concurrent duplicate blocks on it until this
 * transaction ends, then finds the stored response and replays it. Because the handler's writes
 * and the stored response commit together, there is no window in which the work is done but the
 * response is not recorded. Errors roll everything back, so a failed request may be retried with
 * the same key.
 */
export async function runIdempotent(
  apiKeyId: string,
  key: string | null,
  fingerprint: string,
  work: (tx: Tx) => Promise<ApiResult>,
): Promise<{ result: ApiResult; replayed: boolean }> {
  return getDb().transaction(async (tx) => {
    if (key === null) return { result: await work(tx), replayed: false };
    const claimed = await tx.execute(sql`
      INSERT INTO idempotency_keys (api_key_id, key, request_hash) VALUES (${apiKeyId}, ${key}, ${fingerprint})
      ON CONFLICT (api_key_id, key) DO NOTHING RETURNING key`);
    if (claimed.rows.length === 0) {
      const found = await tx.execute<{ request_hash: string; response_status: number | null; response_body: unknown }>(sql`
        SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE api_key_id = ${apiKeyId} AND key = ${key}`);
      const stored = found.rows[0];
      if (!stored || stored.response_status === null) {
        throw new SafeError("idempotency_key_in_use", "A request with this Idempotency-Key is still being processed. Retry shortly.");
      }
      if (stored.request_hash !== fingerprint) {
        throw new SafeError("idempotency_key_reused", "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
      }
      return { result: { status: stored.response_status, body: stored.response_body }, replayed: true };
    }
    const result = await work(tx);
    await tx.execute(sql`
      UPDATE idempotency_keys SET response_status = ${result.status}, response_body = ${JSON.stringify(result.body)}::jsonb
      WHERE api_key_id = ${apiKeyId} AND key = ${key}`);
    return { result, replayed: false };
  });
}
