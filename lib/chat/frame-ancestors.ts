import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { uuidSchema } from "@/lib/validation/uuid";

// Read on every chat page request by the proxy: kept for a few seconds per channel, so a change
// in Settings reaches every web process within CACHE_MS.
const CACHE_MS = 10_000;
const cache = new Map<string, { origins: string[] | null; until: number }>();

/** The websites that may frame this chat channel's page ([] = any), or null when it is no chat channel. */
export async function chatFrameAncestors(channelId: string): Promise<string[] | null> {
  if (!uuidSchema.safeParse(channelId).success) return null;
  const cached = cache.get(channelId);
  if (cached && cached.until > Date.now()) return cached.origins;
  const [row] = await getDb()
    .select({ origins: channels.allowedOrigins })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.kind, "chat")));
  const origins = row ? row.origins : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(channelId, { origins, until: Date.now() + CACHE_MS });
  return origins;
}
