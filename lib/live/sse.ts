import "server-only";
import { readEnv } from "@/lib/env";
import { componentLogger } from "@/lib/logging/logger";
import { processMetrics } from "@/lib/metrics/process-metrics";
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
 */
export function liveEventStream(
  request: Request,
  select: (signal: LiveSignal) => Promise<SseMessage | null> | SseMessage | null,
  access?: StreamAccess,
): Response {
  const encoder = new TextEncoder();
  let close = () => {};

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
      // Comments keep proxies and load balancers from closing an idle stream.
      keepAlive = setInterval(() => write(": keep-alive\n\n"), KEEP_ALIVE_MS);
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
      const handler = async (signal: LiveSignal) => {
        if (access?.recheckOn?.(signal)) checkAccess();
        try {
          const message = await select(signal);
          if (message) write(`event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`);
        } catch (error) {
          log.error({ err: error }, "could not scope an event");
        }
      };
      unsubscribe = await subscribeToLiveEvents((signal) => void handler(signal));
      if (closed) unsubscribe();
      else write("event: ready\ndata: {}\n\n");
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
