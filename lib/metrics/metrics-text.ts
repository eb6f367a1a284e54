import { databaseMetricsText } from "./database-metrics";
import { processMetrics } from "./process-metrics";

// From a registry rather than prom-client's `contentType` export: Node's ESM loader (tsx, `npm run
// worker`) cannot see that name in the CommonJS package, and the worker would not start.
export const METRICS_CONTENT_TYPE = processMetrics().registry.contentType;

/** The Prometheus text of this process's metrics, and with `database` the database gauges too. */
export async function metricsText(options: { database: boolean }): Promise<string> {
  const own = await processMetrics().registry.metrics();
  return options.database ? `${own}\n${await databaseMetricsText()}` : own;
}
