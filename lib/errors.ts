/**
 * An error whose message is written for the person who caused it. Anything else that escapes
 * an action or a route is logged and answered with a generic message.
 */
export class SafeError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(message: string, options: { status?: number; code?: string; details?: unknown } = {}) {
    super(message);
    this.name = "SafeError";
    this.status = options.status ?? 400;
    this.code = options.code ?? "bad_request";
    this.details = options.details;
  }
}

export const notFound = (what = "That item") =>
  new SafeError(`${what} was not found.`, { status: 404, code: "not_found" });

export const forbidden = (message = "You don't have permission to do that.") =>
  new SafeError(message, { status: 403, code: "forbidden" });

export const unauthorized = () =>
  new SafeError("Sign in to continue.", { status: 401, code: "unauthorized" });

export const GENERIC_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";
