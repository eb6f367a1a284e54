import { NextResponse } from "next/server";
import { maySeeHealthDetails } from "@/lib/health/health-access";
import { healthReport } from "@/lib/health/health-report";

export const dynamic = "force-dynamic";

/**
 * Up or down for anyone (503 when the database is unreachable), with the details — workers,
 * their hosts and process ids, the queue — only for a monitor's token or a signed-in owner.
 */
export async function GET(request: Request) {
  const report = await healthReport();
  const status = report.status === "down" ? 503 : 200;
  const body = (await maySeeHealthDetails(request)) ? report : { status: report.status };
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
