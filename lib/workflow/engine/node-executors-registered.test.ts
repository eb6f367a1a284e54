import { describe, expect, it } from "vitest";
import { NODE_TYPES } from "@/lib/workflow/node-types";
import { loadNodeExecutors } from "./node-executors";

describe("executors, loaded through the registry", () => {
  it("has one for every registered node type, loaded once per process", async () => {
    const executors = await loadNodeExecutors();
    expect([...executors.keys()]).toEqual(NODE_TYPES);
    for (const executor of executors.values()) expect(executor).toBeTypeOf("function");
    expect(await loadNodeExecutors()).toBe(executors);
  });
});
