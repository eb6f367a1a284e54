import "server-only";
import { getDb } from "@/lib/db/client";
import { readEnv } from "@/lib/env";
import { componentLogger } from "@/lib/logging/logger";
import { processMetrics } from "@/lib/metrics/process-metrics";
import { CursorTracker, formatLiveCursor, parseLiveCursor, type LiveCursor } from "./live-cursor";
import { currentLiveCursor, replayLiveEvents, type ReplayScope } from "./live-event-log";
import { subscribeToLiveEvents } from "./listener";
import type { LiveSignal } from "./live-event";

const log = componentLogger("live");

const KEEP_ALIVE_MS = 15_000;

export type SseMessage = { event: string; data: unknown };

export type StreamAccess = {
  /**
   * Asked again while the stream is open (a member removed from the workspace must stop hearing
   * it without waiting for a reconnect). False ends the stream with a `revoked` event.
   */
  stillAllowed: () => Promise<boolean>;
  /**
   * Signals after which to ask stillAllowed at once instead of at the next interval (the reader
   * was just removed from the workspace). The answer still comes from stillAllowed, never from
   * the signal itself.
   */
  recheckOn?: (signal: LiveSignal) => boolean;
};

/**
 * A text/event-stream response fed by the process's shared LISTEN connection. `select` decides,
 * per signal, what (if anything) this reader may be told; it is the only place scoping happens,
 * so it must check the workspace (and for chat, the contact) of every event.
 *
 * Resume: stored events carry an id (lib/live/notify-live.ts); every message sent carries the
 * stream's cursor as its SSE `id:` (lib/live/live-cursor.ts), which the browser's EventSource sends
 * back as Last-Event-ID when it reconnects, to this process or another. The stream then replays,
 * through the same `select`, the stored events of `replay`'s scope it missed, before going live;
 * a cursor older than the retention gets a `resync` (the reader refetches). A lost LISTEN
 * connection is caught up the same way.
 */
export function liveEventStream(
  request: Request,
  select: (signal: LiveSignal) => Promise<SseMessage | null> | SseMessage | null,
  replay: ReplayScope,
  access?: StreamAccess,
): Response {
  const encoder = new TextEncoder();
  let close = () => {};
  const resumeFrom = parseLiveCursor(request.headers.get("last-event-id"));

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let unsubscribe: (() => void) | null = null;
      let keepAlive: NodeJS.Timeout | null = null;
      let recheck: NodeJS.Timeout | null = null;
      // Events written in one turn of the event loop leave as one chunk: under load several
      // arrive together (one socket read of NOTIFYs), and each chunk costs the stream pipeline
      // and a socket write, times every open stream.
      let pending = "";
      const flush = () => {
        const chunk = pending;
        pending = "";
        if (closed || !chunk) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          close();
        }
      };
      const write = (chunk: string) => {
        if (closed) return;
        if (!pending) setImmediate(flush);
        pending += chunk;
      };
      processMetrics().liveStreams.inc();
      close = () => {
        if (closed) return;
        closed = true;
        // What was written just before (a `revoked` event) still goes out.
        const last = pending;
        pending = "";
        try {
          if (last) controller.enqueue(encoder.encode(last));
        } catch {
          // The client went away already.
        }
        processMetrics().liveStreams.dec();
        if (keepAlive) clearInterval(keepAlive);
        if (recheck) clearInterval(recheck);
        unsubscribe?.();
        request.signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // Already closed by the runtime after the client went away.
        }
      };
      if (request.signal.aborted) return close();
      request.signal.addEventListener("abort", close);

      // The reconnect delay a browser's EventSource waits after the stream drops.
      write("retry: 2000\n: connected\n\n");
      let tracker: CursorTracker | null = null;
      let sentCursor = "";
      const idLine = () => {
        if (!tracker) return "";
        sentCursor = formatLiveCursor(tracker.cursor());
        return `id: ${sentCursor}\n`;
      };
      const send = (message: SseMessage, withId: boolean) => write(`${withId ? idLine() : ""}event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`);
      // Keeps proxies and load balancers from closing an idle stream; when events this reader was
      // not told of moved the cursor, an id-only block (not dispatched by EventSource, but its
      // Last-Event-ID follows) spares a reconnect from replaying them again.
      // Not while a signal is being handled: its event is in the cursor already but not written yet
      // (select may be awaiting a query), and a drop right after the id-only block would skip it.
      let handling = 0;
      keepAlive = setInterval(() => {
        const now = tracker && handling === 0 ? formatLiveCursor(tracker.cursor()) : sentCursor;
        write(now !== sentCursor ? idLine() + "\n" : ": keep-alive\n\n");
      }, KEEP_ALIVE_MS);
      const checkAccess = () => {
        if (!access || closed) return;
        void access.stillAllowed().then(
          (allowed) => {
            if (allowed || closed) return;
            write("event: revoked\ndata: {}\n\n");
            close();
          },
          (error: unknown) => log.error({ err: error }, "could not re-check access"),
        );
      };
      if (access) recheck = setInterval(checkAccess, readEnv().PARLEY_LIVE_RECHECK_MS);

      const pass = async (signal: LiveSignal) => {
        try {
          const message = await select(signal);
          if (message) send(message, signal.kind === "event" && Boolean(signal.event.id));
        } catch (error) {
          log.error({ err: error }, "could not scope an event");
        }
      };
      // Replays what was missed after `from` (or, with none, starts at the newest event), then
      // lets the live events queued meanwhile through, skipping the ones already replayed.
      const catchUp = async (from: LiveCursor | null) => {
        if (!from) {
          tracker = new CursorTracker(await currentLiveCursor(getDb()));
          return;
        }
        const missed = await replayLiveEvents(getDb(), from, replay);
        tracker = new CursorTracker(missed.cursor);
        if (missed.kind === "resync") return pass({ kind: "resync" });
        for (const event of missed.events) {
          if (closed) return;
          tracker.observe(event.id!);
          await pass({ kind: "event", event });
        }
      };
      // One signal at a time, in arrival order: the cursor sent with a message must never claim
      // an event this reader has not been written yet.
      let queue: Promise<void> = Promise.resolve();
      const handle = async (signal: LiveSignal) => {
        if (closed) return;
        if (access?.recheckOn?.(signal)) checkAccess();
        if (signal.kind === "resync") {
          // The LISTEN connection was lost: NOTIFYs meanwhile are gone, the stored events are not.
          try {
            return await catchUp(tracker ? tracker.cursor() : null);
          } catch (error) {
            log.error({ err: error }, "could not replay live events");
            return pass(signal);
          }
        }
        const id = signal.event.id;
        if (id && tracker) {
          if (tracker.covers(id)) return;
          tracker.observe(id);
        }
        await pass(signal);
      };
      const enqueue = (signal: LiveSignal) => {
        queue = queue.then(async () => {
          handling++;
          try {
            await handle(signal);
          } finally {
            handling--;
          }
        });
      };

      // Listening first, then reading the log: an event committed in between is both heard and
      // read, and the cursor skips the second copy.
      let ready: () => void = () => {};
      const gate = new Promise<void>((resolve) => (ready = resolve));
      queue = gate;
      unsubscribe = await subscribeToLiveEvents(enqueue);
      if (closed) return unsubscribe();
      handling++;
      try {
        await catchUp(resumeFrom);
      } catch (error) {
        log.error({ err: error }, "could not replay live events");
        tracker = new CursorTracker(await currentLiveCursor(getDb()).catch(() => ({ last: 0, pending: [] })));
        await pass({ kind: "resync" });
      } finally {
        handling--;
      }
      send({ event: "ready", data: { resumed: resumeFrom !== null } }, true);
      ready();
    },
    cancel() {
      close();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform also keeps the compression middleware from buffering the stream.
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
