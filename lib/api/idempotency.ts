import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/db/client";
import { idempotencyKeys } from "@/lib/db/schema/platform";
import { SafeError } from "@/lib/errors";

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
    const record = and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key));
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ apiKeyId, key, requestHash: fingerprint })
      .onConflictDoNothing({ target: [idempotencyKeys.apiKeyId, idempotencyKeys.key] })
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [stored] = await tx
        .select({ requestHash: idempotencyKeys.requestHash, responseStatus: idempotencyKeys.responseStatus, responseBody: idempotencyKeys.responseBody })
        .from(idempotencyKeys)
        .where(record);
      if (!stored || stored.responseStatus === null) {
        throw new SafeError("idempotency_key_in_use", "A request with this Idempotency-Key is still being processed. Retry shortly.");
      }
      if (stored.requestHash !== fingerprint) {
        throw new SafeError("idempotency_key_reused", "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
      }
      return { result: { status: stored.responseStatus, body: stored.responseBody }, replayed: true };
    }
    const result = await work(tx);
    await tx.update(idempotencyKeys).set({ responseStatus: result.status, responseBody: result.body }).where(record);
    return { result, replayed: false };
  });
}
