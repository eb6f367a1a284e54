import { parseCrontab } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { crontab } from "./crontab";
import { tasks } from "./task-list";

describe("crontab", () => {
  it("parses, and names only tasks the worker has", () => {
    const items = parseCrontab(crontab.join("\n"));
    const names = new Set(tasks.map((task) => task.name));
    for (const item of items) expect(names.has(item.task), item.task).toBe(true);
  });

  it("has task names that are unique", () => {
    const names = tasks.map((task) => task.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
