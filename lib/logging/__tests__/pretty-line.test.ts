import { describe, expect, it } from "vitest";
import { prettyLine } from "@/lib/logging/pretty-line";

describe("the readable log line (PARLEY_LOG_PRETTY)", () => {
  it("shows time, level, component, message, request id and other fields on one line, then the stack", () => {
    const json = JSON.stringify({
      level: "error",
      time: "2026-11-30T16:04:23.512Z",
      pid: 7,
      hostname: "vm",
      component: "worker",
      requestId: "req-1234abcd",
      jobs: ["42"],
      err: { message: "boom", stack: "Error: boom\n    at run (worker.ts:1:1)" },
      msg: "job failed",
    });
    expect(prettyLine(json)).toBe('16:04:23 ERROR [worker] job failed (request req-1234abcd) {"jobs":["42"]}\nError: boom\n    at run (worker.ts:1:1)\n');
  });

  it("passes a line that is not JSON through unchanged", () => {
    expect(prettyLine("not json\n")).toBe("not json\n");
  });
});
