import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { openEventStream } from "@/lib/testing/event-stream-client";

// The chaos scenarios' conclusions about resume rest on this reader behaving as a browser's
// EventSource does: ids (also on blocks without data), retry, reconnect with Last-Event-ID.

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
}

describe("openEventStream", () => {
  it("follows ids and retry like EventSource and reconnects elsewhere with Last-Event-ID", async () => {
    const seenByB: (string | undefined)[] = [];
    let aUp = true;
    const a = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      // An id-only block moves the last event id without dispatching anything; then A dies.
      res.end("retry: 20\n: hello\n\nid: 7\nevent: change\ndata: {\"n\":1}\n\nid: 9.8\n\n");
      aUp = false;
    });
    const b = await serve((req, res) => {
      seenByB.push(req.headers["last-event-id"] as string | undefined);
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.write('id: 10\nevent: change\ndata: {"n":2}\n\nid: 10\nevent: ready\ndata: {"resumed":true}\n\n');
    });
    const stream = openEventStream({ url: () => (aUp ? a : b) });
    try {
      await stream.readyCount(1, 10_000);
      expect(seenByB).toEqual(["9.8"]);
      expect(stream.connections.map((c) => [c.url, c.sentLastEventId])).toEqual([
        [a, ""],
        [b, "9.8"],
      ]);
      expect(stream.events.map((e) => [e.event, e.data, e.idBefore, e.lastEventId, e.connection, e.beforeReady])).toEqual([
        ["change", '{"n":1}', "", "7", 0, true],
        ["change", '{"n":2}', "9.8", "10", 1, true],
        ["ready", '{"resumed":true}', "10", "10", 1, true],
      ]);
      expect(stream.connections[1]!.readyData).toBe('{"resumed":true}');
    } finally {
      stream.close();
    }
  });

  it("counts a refused or non-200 attempt as failed and keeps trying", async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      if (calls < 3) return void res.writeHead(503).end();
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.write("event: ready\ndata: {}\n\n");
    });
    const stream = openEventStream({ url: () => url, initialRetryMs: 10 });
    try {
      await stream.readyCount(1, 10_000);
      expect(stream.failedAttempts()).toBe(2);
      expect(stream.connections.map((c) => c.status)).toEqual([503, 503, 200]);
    } finally {
      stream.close();
    }
  });
});
