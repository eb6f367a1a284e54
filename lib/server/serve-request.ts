import type { IncomingMessage, ServerResponse } from "node:http";
import { runWithRequestContext, requestIdFrom } from "@/lib/logging/request-context";
import { processMetrics } from "@/lib/metrics/process-metrics";
import { cameOverHttps, securityHeaders } from "@/lib/security/security-headers";
import { directRouteKey, routeParams, type DirectRoutes } from "./direct-routes";

// Any other method a client sends is one label value, so nobody can grow the series at will.
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

// An API answer's security headers, over http and over https.
const apiHeaders = (https: boolean) => Object.entries(securityHeaders({ kind: "other" }, { nonce: "", https, development: false }));
const API_HEADERS = { http: apiHeaders(false), https: apiHeaders(true) };

/**
 * `npm start`'s front of every request, before Next sees it: an API answer's security headers
 * (lib/security/security-headers.ts), the request id (a sane incoming
 * X-Request-Id, else a new one) goes on the request for the app, on the response for the caller,
 * and into the log context of everything the request runs (pages, route handlers, server actions,
 * the proxy); its latency goes into the histogram under its route pattern. A request for one of
 * the `direct` routes is answered by the route's handler without Next (lib/server/direct-routes.ts).
 */
export function serveRequest(handle: Handler, routePattern: (pathname: string) => string, direct?: DirectRoutes) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);
    const pathname = (req.url ?? "/").split("?")[0] ?? "/";
    // An API answer's headers go on here, for the API routes the proxy skips (proxy.ts) as for
    // those it runs on (which set the same). A page's come from the proxy alone: they differ by page.
    if (pathname.startsWith("/api/")) {
      for (const [name, value] of API_HEADERS[cameOverHttps("http:", req.headers["x-forwarded-proto"]) ? "https" : "http"]) res.setHeader(name, value);
    }
    const started = process.hrtime.bigint();
    const pattern = routePattern(pathname);
    res.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const method = KNOWN_METHODS.has(req.method ?? "") ? req.method! : "other";
      processMetrics().httpDuration.observe({ route: pattern, method, status: String(res.statusCode) }, seconds);
    });
    const route = direct?.routes.get(directRouteKey(req.method ?? "", pattern));
    const params = route ? routeParams(pattern, pathname) : null;
    runWithRequestContext({ requestId }, () => void (route && params ? direct!.call(req, res, route, params) : handle(req, res)));
  };
}
