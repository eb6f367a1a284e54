import { contentType } from "prom-client";
import { databaseMetricsText } from "./database-metrics";
import { processMetrics } from "./process-metrics";

export const METRICS_CONTENT_TYPE = contentType;

/** The Prometheus text of this process's metrics, and with `database` the database gauges too. */
export async function metricsText(options: { database: boolean }): Promise<string> {
  const own = await processMetrics().registry.metrics();
  return options.database ? `${own}\n${await databaseMetricsText()}` : own;
}
