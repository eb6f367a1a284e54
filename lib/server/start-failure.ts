import { isMissingSocket } from "@/lib/db/database-unavailable";
import { pgErrorOf } from "@/lib/db/pg-error";

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET"]);

type SystemError = Error & { code?: string; address?: string; port?: number; hostname?: string };

/** pg connecting to "localhost" tries each address and fails with an AggregateError that has no message of its own. */
function firstOf(error: unknown): unknown {
  return error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Why `npm start`, `npm run db:migrate`, `npm run db:seed`, the worker or the test setup could not
 * start, in one line that says what to do: what they print instead of a stack trace.
 */
export function explainStartFailure(error: unknown): string {
  const cause = firstOf(error) as SystemError;
  if (cause && typeof cause === "object" && cause.code && (CONNECTION_CODES.has(cause.code) || isMissingSocket(cause))) {
    const where = cause.address ? `${cause.address}${cause.port ? `:${cause.port}` : ""}` : (cause.hostname ?? "the database server");
    return `could not connect to PostgreSQL at ${where} (${cause.code}): check that it is running and that DATABASE_URL points to it, or unset DATABASE_URL to use the embedded PostgreSQL.`;
  }
  const database = pgErrorOf(cause);
  if (database?.code === "28P01" || database?.code === "28000") {
    return `PostgreSQL refused the user and password in DATABASE_URL (${oneLine(database.message)}): correct DATABASE_URL.`;
  }
  if (database?.code === "42501") {
    return `the user in DATABASE_URL may not do this (${oneLine(database.message)}): create the database yourself, or give that user the right (CREATEDB, or ownership of the database).`;
  }
  if (database) return `PostgreSQL answered: ${oneLine(database.message)}`;
  const message = cause instanceof Error ? cause.message : String(cause);
  return oneLine(message) || (cause instanceof Error ? cause.name : "unknown error");
}
