import http from "node:http";
import type { AddressInfo } from "node:net";
import { metricsAccess } from "./metrics-access";
import { METRICS_CONTENT_TYPE, metricsText } from "./metrics-text";

/**
 * A standalone worker's own /metrics (PARLEY_WORKER_METRICS_PORT): what only that process knows,
 * its jobs run and failed and its pools, behind the same token as /api/metrics. The database's
 * gauges (queue depth, outbox backlog) are the web's: one scrape target has them for all workers.
 */
export async function startMetricsServer(options: { port: number; host?: string }): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const access = req.method === "GET" && req.url?.split("?")[0] === "/metrics" ? metricsAccess(req.headers.authorization) : "not_found";
    if (access !== "ok") {
      res.writeHead(access === "unauthorized" ? 401 : 404, { "Content-Type": "text/plain" }).end(access === "unauthorized" ? "A valid metrics token is required.\n" : "Not found.\n");
      return;
    }
    metricsText({ database: false }).then(
      (text) => res.writeHead(200, { "Content-Type": METRICS_CONTENT_TYPE, "Cache-Control": "no-store" }).end(text),
      () => res.writeHead(500, { "Content-Type": "text/plain" }).end("The metrics could not be read.\n"),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
