import "server-only";
import { getDb } from "@/lib/db/client";
import { readEnv } from "@/lib/env";
import { componentLogger } from "@/lib/logging/logger";
import { processMetrics } from "@/lib/metrics/process-metrics";
import { CursorTracker, formatLiveCursor, parseLiveCursor, type LiveCursor } from "./live-cursor";
import { currentLiveCursor, replayLiveEvents, type ReplayScope } from "./live-event-log";
import { subscribeToLiveEvents } from "./listener";
import type { LiveEvent, LiveSignal } from "./live-event";
import { staggeredInterval } from "./staggered-interval";
import { StreamWriter, type SseMessage } from "./stream-writer";

const log = componentLogger("live");

const KEEP_ALIVE_MS = 15_000;

/** What `select` answers for one signal: a message, nothing, or (when it must ask) a promise of either. */
export type Selected = SseMessage | null | Promise<SseMessage | null>;

const isPromise = (value: Selected): value is Promise<SseMessage | null> => typeof (value as { then?: unknown } | null)?.then === "function";

/**
 * One message per event for every stream that passes it on unchanged (an inbox's `change` for an
 * event that does not concern its agent): built once, so it is also serialised once.
 */
export function sharedPerEvent(build: (event: LiveEvent) => SseMessage): (event: LiveEvent) => SseMessage {
  const built = new WeakMap<LiveEvent, SseMessage>();
  return (event) => {
    let message = built.get(event);
    if (!message) {
      message = build(event);
      built.set(event, message);
    }
    return message;
  };
}

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
 * so it must check the workspace (and for chat, the contact) of every event. It answers at once
 * when the event alone decides (most events, for most streams: no promise, no query), else with
 * a promise.
 *
 * Resume: stored events carry an id (lib/live/notify-live.ts); the chunks a stream writes carry
 * its cursor as their SSE `id:` (lib/live/live-cursor.ts, lib/live/stream-writer.ts), which the
 * browser's EventSource sends back as Last-Event-ID when it reconnects, to this process or
 * another. The stream then replays, through the same `select`, the stored events of `replay`'s
 * scope it missed, before going live; a cursor older than the retention gets a `resync` (the
 * reader refetches). A lost LISTEN connection is caught up the same way.
 */
export function liveEventStream(request: Request, select: (signal: LiveSignal) => Selected, replay: ReplayScope, access?: StreamAccess): Response {
  let close = () => {};
  const resumeFrom = parseLiveCursor(request.headers.get("last-event-id"));

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let unsubscribe: (() => void) | null = null;
      let stopKeepAlive: (() => void) | null = null;
      let stopRecheck: (() => void) | null = null;
      let tracker: CursorTracker | null = null;
      const writer = new StreamWriter(
        (bytes) => {
          try {
            controller.enqueue(bytes);
          } catch {
            close();
          }
        },
        () => (tracker ? formatLiveCursor(tracker.cursor()) : null),
      );
      processMetrics().liveStreams.inc();
      close = () => {
        if (closed) return;
        closed = true;
        // What was written just before (a `revoked` event) still goes out.
        writer.stop();
        processMetrics().liveStreams.dec();
        stopKeepAlive?.();
        stopRecheck?.();
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
      writer.raw("retry: 2000\n: connected\n\n");
      // Keeps proxies and load balancers from closing an idle stream; when events this reader was
      // not told of moved the cursor, the chunk also carries it (an id-only block), which spares a
      // reconnect from replaying them again.
      stopKeepAlive = staggeredInterval(() => writer.raw(": keep-alive\n\n"), KEEP_ALIVE_MS);
      const checkAccess = () => {
        if (!access || closed) return;
        void access.stillAllowed().then(
          (allowed) => {
            if (allowed || closed) return;
            writer.raw("event: revoked\ndata: {}\n\n");
            close();
          },
          (error: unknown) => log.error({ err: error }, "could not re-check access"),
        );
      };
      if (access) stopRecheck = staggeredInterval(checkAccess, readEnv().PARLEY_LIVE_RECHECK_MS);

      // An event is observed (the cursor moves past it) only once its message, if any, is
      // written: a chunk leaving meanwhile must not claim it.
      const delivered = (id: number | null, message: SseMessage | null) => {
        if (closed) return;
        if (id !== null && tracker) tracker.observe(id);
        if (message) writer.message(message);
      };
      const pass = (signal: LiveSignal): void | Promise<void> => {
        const id = signal.kind === "event" ? (signal.event.id ?? null) : null;
        let selected: Selected;
        try {
          selected = select(signal);
        } catch (error) {
          log.error({ err: error }, "could not scope an event");
          return delivered(id, null);
        }
        if (!isPromise(selected)) return delivered(id, selected);
        return selected.then(
          (message) => delivered(id, message),
          (error: unknown) => {
            log.error({ err: error }, "could not scope an event");
            delivered(id, null);
          },
        );
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
          await pass({ kind: "event", event });
        }
      };
      const handle = (signal: LiveSignal): void | Promise<void> => {
        if (closed) return;
        if (access?.recheckOn?.(signal)) checkAccess();
        if (signal.kind === "resync") {
          // The LISTEN connection was lost: NOTIFYs meanwhile are gone, the stored events are not.
          return catchUp(tracker ? tracker.cursor() : null).catch((error: unknown) => {
            log.error({ err: error }, "could not replay live events");
            return pass(signal);
          });
        }
        const id = signal.event.id;
        if (id && tracker?.covers(id)) return;
        return pass(signal);
      };

      // One signal at a time, in arrival order: a stream's messages keep their order, and the
      // cursor never claims an event still waiting behind a slow one. Signals that `select`
      // answers at once pass straight through, without a promise.
      const backlog: LiveSignal[] = [];
      let busy = true; // until the catch-up below is done
      const drain = () => {
        while (backlog.length > 0 && !closed) {
          const waiting = handle(backlog.shift()!);
          if (waiting) {
            void waiting.then(drain, drain);
            return;
          }
        }
        busy = false;
      };
      const enqueue = (signal: LiveSignal) => {
        if (closed) return;
        backlog.push(signal);
        if (busy) return;
        busy = true;
        drain();
      };

      // Listening first, then reading the log: an event committed in between is both heard and
      // read, and the cursor skips the second copy. The stream hears only what a reconnect would
      // replay to it: its workspace's events, or its contact's.
      unsubscribe = await subscribeToLiveEvents(enqueue, replay);
      if (closed) return unsubscribe();
      try {
        await catchUp(resumeFrom);
      } catch (error) {
        log.error({ err: error }, "could not replay live events");
        tracker = new CursorTracker(await currentLiveCursor(getDb()).catch(() => ({ last: 0, pending: [] })));
        await pass({ kind: "resync" });
      }
      writer.message({ event: "ready", data: { resumed: resumeFrom !== null } });
      drain();
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
