import type { JobHelpers } from "graphile-worker";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTask } from "@/lib/jobs/define-task";
import { buildTaskList } from "@/lib/jobs/task-list";
import { redirectLogs } from "@/lib/logging/logger";
import { processMetrics } from "@/lib/metrics/process-metrics";

// The failures below are logged by design; kept out of the test output.
let restore = () => {};
beforeEach(() => {
  restore = redirectLogs({ write: () => {} });
});
afterEach(() => restore());

const helpers = (id: string) => ({ job: { id, attempts: 1 } }) as unknown as JobHelpers;

/** One sample of the counters, e.g. `parley_jobs_failed_total{task="x"}`. */
async function sample(series: string): Promise<number> {
  const line = (await processMetrics().registry.metrics()).split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(" ")[1]) : 0;
}

// An operator's alert on failing jobs needs them counted by task: a job that throws (retried by
// graphile-worker) and one whose payload never parses (dropped) both count as failed, apart from
// the jobs that succeeded.
describe("jobs run and failed, by task", () => {
  it("counts every run of a task, and apart the runs that threw or had a malformed payload", async () => {
    const flaky = defineTask("metrics-test:flaky", z.object({ fail: z.boolean() }), async ({ fail }) => {
      if (fail) throw new Error("provider down");
    });
    const steady = defineTask("metrics-test:steady", z.object({}), async () => {});
    const list = buildTaskList([flaky, steady]);
    await list["metrics-test:flaky"]!({ fail: false }, helpers("1"));
    await expect(list["metrics-test:flaky"]!({ fail: true }, helpers("2"))).rejects.toThrow("provider down");
    await list["metrics-test:flaky"]!({ fail: "not a boolean" }, helpers("3"));
    await list["metrics-test:steady"]!({}, helpers("4"));

    expect(await sample('parley_jobs_run_total{task="metrics-test:flaky"}')).toBe(3);
    expect(await sample('parley_jobs_failed_total{task="metrics-test:flaky"}')).toBe(2);
    expect(await sample('parley_jobs_run_total{task="metrics-test:steady"}')).toBe(1);
    expect(await sample('parley_jobs_failed_total{task="metrics-test:steady"}')).toBe(0);
  });
});
