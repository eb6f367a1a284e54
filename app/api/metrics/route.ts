import { route } from "@/lib/api/route-handler";
import { SafeError } from "@/lib/errors";
import { metricsAccess } from "@/lib/metrics/metrics-access";
import { METRICS_CONTENT_TYPE, metricsText } from "@/lib/metrics/metrics-text";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics of this web process (HTTP latency by route, live streams, its pools, and the
 * worker's jobs when `npm start` runs one inside it) plus the database's gauges (queue depth,
 * outbox backlog). Behind PARLEY_METRICS_TOKEN; a 404 when none is set.
 */
export const GET = route(async (request: Request) => {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "not_found") throw new SafeError("not_found", "No such resource.");
  if (access === "unauthorized") throw new SafeError("unauthorized", "A valid metrics token is required.");
  return new Response(await metricsText({ database: true }), { headers: { "Content-Type": METRICS_CONTENT_TYPE, "Cache-Control": "no-store" } });
});
