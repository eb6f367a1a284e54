import { NextResponse } from "next/server";
import { z } from "zod";
import { ERROR_CODES, GENERIC_ERROR_MESSAGE, SafeError } from "@/lib/errors";
import { issueMessage } from "@/lib/validation/issue-message";

/** JSON error body shared by every route: a stable code and a message a person can read. */
export function errorResponse(error: unknown): NextResponse {
  if (error instanceof z.ZodError) {
    return NextResponse.json(
      { error: { code: "invalid_input", message: "The request is not valid.", issues: error.issues.map((i) => ({ path: i.path.join("."), message: issueMessage(i) })) } },
      { status: ERROR_CODES.invalid_input.status },
    );
  }
  if (error instanceof SafeError) {
    return NextResponse.json({ error: { code: error.code, message: error.message, details: error.details } }, { status: error.status });
  }
  console.error("[route] unexpected error", error);
  return NextResponse.json({ error: { code: "internal_error", message: GENERIC_ERROR_MESSAGE } }, { status: ERROR_CODES.internal_error.status });
}

/** Wraps a route handler so no exception or stack trace reaches the caller. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
