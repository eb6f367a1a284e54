import { createHash } from "node:crypto";
import pg from "pg";

export type PreparingLimits = {
  /** Executions of one statement's text on one connection before it becomes a named statement. */
  prepareAfter: number;
  /** Named statements per connection at most (each holds a parse tree and plans on the server). */
  maxPrepared: number;
  /** Distinct texts counted per connection before the counts start over (bounds this process's memory). */
  maxCounted: number;
};

export const PREPARING_LIMITS: PreparingLimits = { prepareAfter: 3, maxPrepared: 200, maxCounted: 500 };

type QueryConfigLike = { text?: unknown; name?: unknown; values?: unknown; submit?: unknown };

/**
 * A pg client that turns a parameterised statement it keeps running into a named (prepared)
 * statement on its connection, as PgJDBC does after five executions: PostgreSQL then parses it once
 * per connection and, once its plan cache finds a generic plan as cheap as planning each time, stops
 * planning it too. Measured on the chat's load (Performance › Load): planning was 45% of
 * PostgreSQL's CPU per message, for statements that run in a few hundredths of a millisecond.
 *
 * Only statements with parameters are named (never `begin`, `LISTEN`, DDL), under a name derived
 * from the text, so two texts never share one. Named statements outlive a rolled-back transaction
 * and die with the connection; a new connection counts afresh. They need a session (a direct
 * connection, a session-mode pooler, or PgBouncer ≥ 1.21 with max_prepared_statements).
 */
export function preparingClient(limits: PreparingLimits = PREPARING_LIMITS): typeof pg.Client {
  return class PreparingClient extends pg.Client {
    private readonly counts = new Map<string, number>();
    private readonly names = new Map<string, string>();

    override query(...args: unknown[]): never {
      const [config, values] = args as [QueryConfigLike | string | null | undefined, unknown];
      // A Query object (a cursor, a stream) is passed on as it is.
      if (config && typeof config === "object" && typeof config.submit !== "function" && typeof config.text === "string" && config.name === undefined) {
        const params = Array.isArray(values) ? values : config.values;
        if (Array.isArray(params) && params.length > 0) {
          const name = this.nameFor(config.text);
          if (name) args[0] = { ...config, name };
        }
      }
      return (pg.Client.prototype.query as (...a: unknown[]) => never).apply(this, args);
    }

    private nameFor(text: string): string | undefined {
      const named = this.names.get(text);
      if (named || this.names.size >= limits.maxPrepared) return named;
      const count = (this.counts.get(text) ?? 0) + 1;
      if (count < limits.prepareAfter) {
        if (this.counts.size >= limits.maxCounted) this.counts.clear();
        this.counts.set(text, count);
        return undefined;
      }
      this.counts.delete(text);
      const name = `parley_${createHash("sha1").update(text).digest("base64url")}`;
      this.names.set(text, name);
      return name;
    }
  };
}
