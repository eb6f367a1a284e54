import { sql } from "drizzle-orm";
import { getDb } from "../db/client";
import { SafeError } from "../errors";
import { API_ERROR_CODES } from "./api-error";

export type RateLimitState = { limit: number; remaining: number; resetSeconds: number };

/** A 429 that knows when the window resets, so the response can say Retry-After. */
export class RateLimitedError extends SafeError {
  readonly state: RateLimitState;

  constructor(state: RateLimitState) {
    super(`Too many requests: this key may make ${state.limit} a minute. Retry after ${state.resetSeconds} s.`, {
      status: API_ERROR_CODES.rate_limited,
      code: "rate_limited",
    });
    this.state = state;
  }
}

/**
 * Counts a request against its key's one-minute window, in Postgres so every web process shares
 * the count. One upsert per request; the window row is the lock, so concurrent requests never
 * both take the last slot.
 */
export async function consumeRateLimit(apiKeyId: string, limit: number): Promise<RateLimitState> {
  const result = await getDb().execute<{ count: number; reset_seconds: number }>(sql`
    INSERT INTO api_rate_limits (api_key_id, window_start, count)
    VALUES (${apiKeyId}, date_trunc('minute', now()), 1)
    ON CONFLICT (api_key_id, window_start) DO UPDATE SET count = api_rate_limits.count + 1
    RETURNING count, ceil(extract(epoch FROM window_start + interval '1 minute' - now()))::int AS reset_seconds`);
  const row = result.rows[0]!;
  const state = { limit, remaining: Math.max(0, limit - row.count), resetSeconds: Math.max(1, row.reset_seconds) };
  if (row.count > limit) throw new RateLimitedError(state);
  return state;
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(state.resetSeconds),
  };
}
