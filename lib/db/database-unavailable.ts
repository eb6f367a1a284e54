// SQLSTATEs of a server going away or not yet back: admin/crash shutdown, cannot connect now, and
// the connection-exception class (08xxx).
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);
// What node and pg raise when the socket is refused, reset or closed under a query.
const UNAVAILABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);
const UNAVAILABLE_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /Client has encountered a connection error/];

/**
 * Connecting to a Unix socket whose server is down (the embedded server's): its file is gone, and
 * the connect fails with ENOENT. Only that connect's ENOENT, not a missing file anywhere else.
 */
export function isMissingSocket(error: unknown): boolean {
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  return code === "ENOENT" && syscall === "connect";
}

/**
 * True when `error` (or what it wraps: drizzle puts the driver's error in `cause`) says the
 * database cannot be reached, rather than that a statement failed: the caller answers 503
 * database_unavailable, and the pool connects again on the next request.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== "object") return false;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
    if (isMissingSocket(current)) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    if (current instanceof AggregateError && current.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = cause;
  }
  return false;
}

export const DATABASE_UNAVAILABLE_MESSAGE = "Parley cannot reach its database just now. Please try again in a moment.";
/** Seconds a client is asked to wait before retrying (a PostgreSQL restart takes a few). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
