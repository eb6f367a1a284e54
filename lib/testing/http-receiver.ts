import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { headers: http.IncomingHttpHeaders; body: string; url: string };
export type Responder = (request: ReceivedRequest, index: number) => { status: number; body?: string; headers?: Record<string, string> } | "hang";

/** A real HTTP server on loopback that records what it receives and answers as told. */
export async function startReceiver(host = "127.0.0.1", responder: Responder = () => ({ status: 200 })) {
  const received: ReceivedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  let respond = responder;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), url: req.url ?? "" };
      received.push(request);
      const answer = respond(request, received.length - 1);
      if (answer === "hang") {
        hanging.add(res);
        return;
      }
      res.writeHead(answer.status, { "Content-Type": "text/plain", ...answer.headers });
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    received,
    setResponder: (next: Responder) => {
      respond = next;
    },
    /** Answers every request left hanging so far with `status`. */
    releaseHanging: (status = 200) => {
      for (const res of hanging) {
        res.writeHead(status, { "Content-Type": "text/plain" });
        res.end("");
      }
      hanging.clear();
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, intervalMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
