import { NextResponse } from "next/server";
import { z } from "zod";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { ERROR_CODES, GENERIC_ERROR_MESSAGE, SafeError } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";
import { currentRequestId, inRequestContext } from "@/lib/logging/request-context";
import { issueMessage } from "@/lib/validation/issue-message";

// The request id a person can quote to an operator, who finds the request's log lines by it.
const withRequestId = <T extends object>(error: T) => {
  const requestId = currentRequestId();
  return requestId ? { ...error, requestId } : error;
};

/**
 * JSON error body shared by every route: a stable code, a message a person can read and the
 * request id. An unexpected error's stack goes to the log, never into the response.
 */
export function errorResponse(error: unknown): NextResponse {
  if (error instanceof z.ZodError) {
    return NextResponse.json(
      { error: withRequestId({ code: "invalid_input", message: "The request is not valid.", issues: error.issues.map((i) => ({ path: i.path.join("."), message: issueMessage(i) })) }) },
      { status: ERROR_CODES.invalid_input.status },
    );
  }
  if (error instanceof SafeError) {
    return NextResponse.json({ error: withRequestId({ code: error.code, message: error.message, details: error.details }) }, { status: error.status });
  }
  if (isDatabaseUnavailable(error)) {
    // Not a bug: the database is restarting or failing over. The client is told to retry; no stack.
    logger.warn({ err: error }, "database unavailable");
    return NextResponse.json(
      { error: withRequestId({ code: "database_unavailable", message: DATABASE_UNAVAILABLE_MESSAGE }) },
      { status: ERROR_CODES.database_unavailable.status, headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) } },
    );
  }
  logger.error({ err: error }, "unexpected error in a route");
  return NextResponse.json({ error: withRequestId({ code: "internal_error", message: GENERIC_ERROR_MESSAGE }) }, { status: ERROR_CODES.internal_error.status });
}

/** The response with its request's X-Request-Id (npm start's server sets it too; this covers any other). */
export function withRequestIdHeader(response: Response): Response {
  const requestId = currentRequestId();
  try {
    if (requestId) response.headers.set("X-Request-Id", requestId);
  } catch {
    // A response with immutable headers (Response.redirect): npm start's server adds the header.
  }
  return response;
}

/**
 * Wraps a route handler so no exception or stack trace reaches the caller, and every log line it
 * writes carries the request's id.
 */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return (...args: A): Promise<Response> =>
    inRequestContext(async () => {
      try {
        return withRequestIdHeader(await handler(...args));
      } catch (error) {
        return withRequestIdHeader(errorResponse(error));
      }
    });
}
