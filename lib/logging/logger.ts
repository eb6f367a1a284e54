import pino from "pino";
import { readEnv, type Env } from "@/lib/env";
import { currentRequestContext } from "./request-context";
import { prettyLine } from "./pretty-line";

/** Where log lines go: standard output, or what a test captures. */
export type LogSink = { write: (line: string) => void };

// Synchronous: a worker that exits right after a line (a failed start, SIGTERM) still writes it.
const standardOutput: LogSink = pino.destination({ dest: 1, sync: true });

function settings(): Pick<Env, "PARLEY_LOG_LEVEL" | "PARLEY_LOG_PRETTY" | "NODE_ENV"> {
  try {
    return readEnv();
  } catch {
    // An invalid environment is reported by whoever starts the process; the log must still work.
    return { PARLEY_LOG_LEVEL: "info", PARLEY_LOG_PRETTY: undefined, NODE_ENV: "production" };
  }
}

/**
 * pino's error serializer, less what node-postgres hangs on its errors: an idle client's error
 * carries the whole `client` (connection parameters, parsed statements, sockets), which made
 * one line of several kilobytes each time PostgreSQL dropped a connection.
 */
function serializeError(error: unknown) {
  const serialized = pino.stdSerializers.err(error as Error) as Record<string, unknown>;
  if (serialized && typeof serialized === "object") delete serialized.client;
  return serialized;
}

const env = settings();
// Decided at the first line, not at import: `npm start` sets NODE_ENV after its imports ran.
let pretty: boolean | undefined;
const isPretty = () => {
  if (pretty === undefined) {
    const now = settings();
    pretty = now.PARLEY_LOG_PRETTY ?? now.NODE_ENV === "development";
  }
  return pretty;
};
let sink: LogSink = standardOutput;

/**
 * THE logger: one JSON object per line on standard output, each with the request id (and the job)
 * of the web request, server action or job it was written in. Log an error as `{ err: error }`:
 * its stack goes in the line, and never in a response.
 */
export const logger = pino(
  {
    level: env.PARLEY_LOG_LEVEL,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => currentRequestContext() ?? {},
    serializers: { err: serializeError },
  },
  { write: (line: string) => sink.write(isPretty() ? prettyLine(line) : line) },
);

/** A logger whose lines name the part of Parley that wrote them (`component`). */
export function componentLogger(component: string): pino.Logger {
  return logger.child({ component });
}

/**
 * For tests: sends log lines to `next`, with the logger at `level` (tests run at "warn", see
 * vitest.config.ts), until the returned function is called.
 */
export function redirectLogs(next: LogSink, level: pino.Level = "info"): () => void {
  const previous = { sink, level: logger.level };
  sink = next;
  logger.level = level;
  return () => {
    sink = previous.sink;
    logger.level = previous.level;
  };
}
