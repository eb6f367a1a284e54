import http from "node:http";

// A server-sent events reader with the browser's EventSource semantics, for tests and chaos
// scenarios that hold many streams open outside a browser: `id:` sets the last event id (also on
// a block that dispatches nothing), `retry:` the reconnection delay, and a stream that drops is
// reopened after that delay with `Last-Event-ID`. Where it reconnects is the caller's `url()`,
// asked on every attempt (what a load balancer does once a process is gone).

export type StreamEvent = {
  event: string;
  data: string;
  /** The stream's last event id once this event was dispatched (what a reconnect would send). */
  lastEventId: string;
  /** The last event id just before this event's block (after any id-only block before it). */
  idBefore: string;
  /** Which connection (0 = the first) delivered it. */
  connection: number;
  /** Sent before that connection's `ready` event (replayed on a resume). */
  beforeReady: boolean;
};

export type StreamConnection = {
  url: string;
  /** The Last-Event-ID header this connection was opened with ("" for none). */
  sentLastEventId: string;
  status: number | null;
  ready: boolean;
  /** The `ready` event's data, when the server sends one. */
  readyData: string | null;
  ended: boolean;
};

export type EventStreamClient = {
  events: StreamEvent[];
  connections: StreamConnection[];
  lastEventId: () => string;
  /** Resolves once `count` connections have received a `ready` event. */
  readyCount: (count: number, timeoutMs?: number) => Promise<void>;
  /** Failed attempts (refused, reset, or a non-200 answer) since the stream opened. */
  failedAttempts: () => number;
  close: () => void;
};

export function openEventStream(options: { url: () => string; headers?: Record<string, string>; initialRetryMs?: number }): EventStreamClient {
  const events: StreamEvent[] = [];
  const connections: StreamConnection[] = [];
  let lastEventId = "";
  let retryMs = options.initialRetryMs ?? 2000;
  let closed = false;
  let failed = 0;
  let request: http.ClientRequest | null = null;
  let timer: NodeJS.Timeout | null = null;
  const readyWaiters: { count: number; resolve: () => void }[] = [];
  const readyConnections = () => connections.filter((c) => c.ready).length;
  const wake = () => {
    for (const waiter of [...readyWaiters]) {
      if (readyConnections() >= waiter.count) {
        readyWaiters.splice(readyWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  const reconnect = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, retryMs);
  };

  const connect = () => {
    if (closed) return;
    const url = options.url();
    const index = connections.length;
    const connection: StreamConnection = { url, sentLastEventId: lastEventId, status: null, ready: false, readyData: null, ended: false };
    connections.push(connection);
    const headers: Record<string, string> = { Accept: "text/event-stream", "Cache-Control": "no-cache", ...options.headers };
    if (lastEventId) headers["Last-Event-ID"] = lastEventId;
    let ended = false;
    const end = (failure: boolean) => {
      if (ended) return;
      ended = true;
      connection.ended = true;
      if (failure) failed++;
      reconnect();
    };
    request = http.get(url, { headers, agent: false }, (response) => {
      connection.status = response.statusCode ?? null;
      if (response.statusCode !== 200) {
        // EventSource gives up on a non-200 answer; here it counts as a failed attempt and retries,
        // so a check on failedAttempts() sees it rather than the stream going quiet.
        response.resume();
        return end(true);
      }
      response.setEncoding("utf8");
      let buffer = "";
      let type = "";
      let data: string[] = [];
      let idBuffer = lastEventId;
      response.on("data", (chunk: string) => {
        buffer += chunk;
        for (let newline = buffer.indexOf("\n"); newline >= 0; newline = buffer.indexOf("\n")) {
          const line = buffer.slice(0, newline).replace(/\r$/, "");
          buffer = buffer.slice(newline + 1);
          if (line === "") {
            // Dispatch: the id applies even when there is no data to dispatch.
            const idBefore = lastEventId;
            lastEventId = idBuffer;
            if (data.length > 0) {
              const event: StreamEvent = { event: type || "message", data: data.join("\n"), lastEventId, idBefore, connection: index, beforeReady: !connection.ready };
              events.push(event);
              if (event.event === "ready") {
                connection.ready = true;
                connection.readyData = event.data;
                wake();
              }
            }
            type = "";
            data = [];
            continue;
          }
          if (line.startsWith(":")) continue;
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "event") type = value;
          else if (field === "data") data.push(value);
          else if (field === "id" && !value.includes("\0")) idBuffer = value;
          else if (field === "retry" && /^\d+$/.test(value)) retryMs = Number(value);
        }
      });
      response.on("close", () => end(false));
      response.on("error", () => end(false));
    });
    request.on("error", () => end(true));
  };

  connect();
  return {
    events,
    connections,
    lastEventId: () => lastEventId,
    readyCount: (count, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        if (readyConnections() >= count) return resolve();
        const timeout = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} ready connection(s) of ${connections.at(-1)?.url ?? "a stream"} (${failed} failed attempts)`)), timeoutMs);
        readyWaiters.push({ count, resolve: () => (clearTimeout(timeout), resolve()) });
      }),
    failedAttempts: () => failed,
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      request?.destroy();
    },
  };
}
