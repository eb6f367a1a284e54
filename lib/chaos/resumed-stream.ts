import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { liveEvents } from "@/lib/db/schema/live-events";
import { liveEventStream } from "@/lib/live/sse";
import { notifyLiveEvents } from "@/lib/live/notify-live";
import { waitUntil } from "@/lib/testing/child-processes";
import { createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

const TICK = "chaos.tick";

/**
 * An open live stream (lib/live/sse.ts, as the inbox's route serves it, in this process) on a
 * quiet workspace of its own, and a writer committing one stored event there every few
 * milliseconds for as long as it can, fault or not. A LISTEN connection that drops loses the
 * NOTIFYs meanwhile; the stream must catch them up from live_events by itself, so that it was
 * sent every committed event exactly once and never told the page to resync. (The fan-out's
 * workspace writes thousands of events a second: too many to replay, a resync there is right.)
 */
export async function openResumedStreamCheck(): Promise<{ finish: (log: (line: string) => void) => Promise<void>; stop: () => void }> {
  const { workspaceId } = await createWorkspaceFixture(getDb());
  const abort = new AbortController();
  const response = liveEventStream(
    new Request("http://chaos.invalid/api/events", { signal: abort.signal }),
    (signal) => {
      if (signal.kind === "resync") return { event: "resync", data: {} };
      if (signal.event.workspaceId !== workspaceId) return null;
      return { event: "change", data: { type: signal.event.type, conversationId: signal.event.conversationId ?? null } };
    },
    { workspaceId },
  );
  const received: { event: string; conversationId: string | null }[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const reading = (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end).split("\n");
        buffer = buffer.slice(end + 2);
        const event = block.find((line) => line.startsWith("event: "))?.slice(7);
        const data = block.find((line) => line.startsWith("data: "))?.slice(6);
        if (event && data) received.push({ event, conversationId: (JSON.parse(data) as { conversationId?: string | null }).conversationId ?? null });
      }
    }
  })();
  await waitUntil(() => received.some((r) => r.event === "ready"), { what: "the resumable stream to be ready" });

  let writing = true;
  let committed = 0;
  const writer = (async () => {
    while (writing) {
      // A tick written while the database is away fails; the check reads what committed.
      await notifyLiveEvents(getDb(), [{ workspaceId, conversationId: randomUUID(), type: TICK }]).then(
        () => committed++,
        () => {},
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();

  return {
    /** For a scenario that failed before finish: the writer and the stream stop. */
    stop: () => {
      writing = false;
      abort.abort();
    },
    finish: async (log) => {
      writing = false;
      await writer;
      try {
        const rows = await getDb().select({ conversationId: sql<string>`${liveEvents.payload}->>'conversationId'` }).from(liveEvents).where(eq(liveEvents.workspaceId, workspaceId));
        const stored = new Set(rows.map((row) => row.conversationId));
        const ticks = () => received.filter((r) => r.event === "change");
        await waitUntil(() => [...stored].every((id) => ticks().some((t) => t.conversationId === id)), {
          what: `every one of ${stored.size} stored events to reach the resumable stream (${ticks().length} so far)`,
          timeoutMs: 30_000,
        });
        const twice = ticks().length - new Set(ticks().map((t) => t.conversationId)).size;
        const resyncs = received.filter((r) => r.event === "resync").length;
        if (twice > 0 || resyncs > 0) throw new Error(`check failed: the resumable stream got ${twice} events twice and ${resyncs} resyncs`);
        log(
          `checked: a live stream on a quiet workspace, written to every 20 ms through the fault (${stored.size} events committed, ${committed} acknowledged), was sent each of them exactly once and never told to resync: what its LISTEN connection missed was replayed from live_events`,
        );
      } finally {
        abort.abort();
        await reading;
      }
    },
  };
}
