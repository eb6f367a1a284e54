import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { definitionOf, NODE_TYPES } from "@/lib/workflow/node-types";

const WORKFLOW = path.resolve(import.meta.dirname, "..");

function sources(): string[] {
  const engine = readdirSync(path.join(WORKFLOW, "engine"))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => path.join(WORKFLOW, "engine", file));
  const executors = readdirSync(path.join(WORKFLOW, "nodes")).map((folder) => path.join(WORKFLOW, "nodes", folder, "executor.ts"));
  return [...engine, ...executors];
}

describe("port names", () => {
  it("appear in the engine and the executors only through the node modules' constants, never as literals (SQL included)", () => {
    const ports = new Set(NODE_TYPES.flatMap((type) => [...definitionOf(type).outputs, ...definitionOf(type).inputs].map((port) => port.id)));
    const literal = new RegExp(`["'\`](${[...ports].join("|")})["'\`]`);
    const offenders = sources().flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ where: `${path.relative(WORKFLOW, file)}:${i + 1}`, line }))
        .filter(({ line }) => literal.test(line)),
    );
    expect(offenders).toEqual([]);
  });
});
