import { getDb } from "@/lib/db/client";
import { countInSlidingWindow } from "@/lib/limits/sliding-window";
import { SafeError } from "@/lib/errors";

export type RateLimitState = { limit: number; remaining: number; resetSeconds: number; retryAfterSeconds: number };

/** A 429 that knows when the window resets, so the response can say Retry-After. */
export class RateLimitedError extends SafeError {
  readonly state: RateLimitState;

  constructor(state: RateLimitState) {
    super("rate_limited", `Too many requests: this key may make ${state.limit} a minute. Retry after ${state.retryAfterSeconds} s.`);
    this.state = state;
  }
}

/** Counts a request against its key's last minute (a sliding window), shared by every web process. */
export async function consumeRateLimit(apiKeyId: string, limit: number): Promise<RateLimitState> {
  const { count, resetSeconds, retryAfterSeconds } = await countInSlidingWindow(getDb(), "api_rate_limits", [apiKeyId], 60);
  const state = { limit, remaining: Math.max(0, Math.floor(limit - count)), resetSeconds, retryAfterSeconds: retryAfterSeconds(limit) };
  if (count > limit) throw new RateLimitedError(state);
  return state;
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(state.resetSeconds),
  };
}
