import { describe, expect, it } from "vitest";
import { componentLogger, redirectLogs } from "@/lib/logging/logger";

describe("an error's log line", () => {
  it("has the error's type, message, stack and code, and not the database client node-postgres hangs on it", () => {
    const lines: string[] = [];
    const restore = redirectLogs({ write: (line) => void lines.push(line) });
    try {
      const error = Object.assign(new Error("terminating connection due to administrator command"), {
        code: "57P01",
        client: { connectionParameters: { user: "parley", database: "parley", host: "127.0.0.1" }, parsedStatements: { get_job: "select …" } },
      });
      componentLogger("db").error({ err: error }, "idle database client error");
    } finally {
      restore();
    }
    const line = JSON.parse(lines.at(-1)!) as { err: Record<string, unknown>; msg: string };
    expect(line.msg).toBe("idle database client error");
    expect(line.err).toMatchObject({ type: "Error", message: "terminating connection due to administrator command", code: "57P01" });
    expect(line.err.stack).toContain("terminating connection");
    expect(line.err).not.toHaveProperty("client");
    expect(lines.at(-1)).not.toContain("connectionParameters");
  });
});
