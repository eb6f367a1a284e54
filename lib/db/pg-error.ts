import pg from "pg";

/** The PostgreSQL error behind a failed query (drizzle wraps it in its own error's `cause`). */
export function pgErrorOf(error: unknown): pg.DatabaseError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof pg.DatabaseError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = pgErrorOf(error);
  return pgError?.code === "23505" && (!constraint || pgError.constraint === constraint);
}
