import type { IncomingMessage, ServerResponse } from "node:http";
import { runWithRequestContext, requestIdFrom } from "@/lib/logging/request-context";
import { processMetrics } from "@/lib/metrics/process-metrics";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * `npm start`'s front of every request, before Next sees it: the request id (a sane incoming
 * X-Request-Id, else a new one) goes on the request for the app, on the response for the caller,
 * and into the log context of everything the request runs (pages, route handlers, server actions,
 * the proxy); its latency goes into the histogram under its route pattern.
 */
export function serveRequest(handle: Handler, routePattern: (pathname: string) => string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    res.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const pathname = (req.url ?? "/").split("?")[0] ?? "/";
      processMetrics().httpDuration.observe({ route: routePattern(pathname), method: req.method ?? "GET", status: String(res.statusCode) }, seconds);
    });
    runWithRequestContext({ requestId }, () => void handle(req, res));
  };
}
