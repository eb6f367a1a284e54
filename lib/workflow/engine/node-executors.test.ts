import { describe, expect, it, vi } from "vitest";
import type * as Registry from "@/lib/workflow/registry";

// A node type registered without an executor (its definition's loadExecutor left out).
vi.mock("@/lib/workflow/registry", async (importOriginal) => {
  const real = await importOriginal<typeof Registry>();
  const { tagContactDefinition } = await import("@/lib/workflow/testing/throwaway-node/definition");
  return { nodeDefinitions: { ...real.nodeDefinitions, no_executor: { ...tagContactDefinition, type: "no_executor", loadExecutor: undefined } } };
});

const { loadNodeExecutors } = await import("./node-executors");
const { startWorker } = await import("@/lib/jobs/run-worker");

describe("executors, loaded through the registry", () => {
  it("refuses a node type without an executor, in one line naming it", async () => {
    await expect(loadNodeExecutors()).rejects.toThrow(/^Node type “no_executor” has no executor: give its definition a loadExecutor for its executor\.ts\.$/);
  });

  it("stops the worker at start, before it connects to anything", async () => {
    await expect(startWorker({ connectionString: "postgres://nobody@127.0.0.1:1/none", concurrency: 1 })).rejects.toThrow(/Node type “no_executor” has no executor/);
  });
});
