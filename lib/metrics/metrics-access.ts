import { readEnv } from "@/lib/env";
import { bearerToken, sameSecret } from "@/lib/security/bearer-token";

/**
 * Who may read the metrics: only a scraper with PARLEY_METRICS_TOKEN. Without a token configured
 * the endpoint does not exist (404), so an install that never set one shows nothing.
 */
export function metricsAccess(authorization: string | null | undefined): "ok" | "unauthorized" | "not_found" {
  const token = readEnv().PARLEY_METRICS_TOKEN;
  if (!token) return "not_found";
  const given = bearerToken(authorization);
  return given !== null && sameSecret(given, token) ? "ok" : "unauthorized";
}
