import "server-only";
import { SafeError } from "@/lib/errors";

const WINDOW_MS = 60_000;
const MAX_PER_WINDOW = 30;

// Per process and per session: enough to stop a runaway script on a public endpoint without a
// round trip; the per-contact advisory lock in recordContactMessage does the rest.
const globalForLimit = globalThis as unknown as { parleyChatSends?: Map<string, number[]> };

export function assertChatSendAllowed(sessionId: string, now = Date.now()): void {
  const sends = (globalForLimit.parleyChatSends ??= new Map<string, number[]>());
  const recent = (sends.get(sessionId) ?? []).filter((at) => now - at < WINDOW_MS);
  if (recent.length >= MAX_PER_WINDOW) {
    throw new SafeError("You're sending messages too quickly. Please wait a moment.", { status: 429, code: "rate_limited" });
  }
  recent.push(now);
  sends.set(sessionId, recent);
  if (sends.size > 10_000) sends.clear();
}
