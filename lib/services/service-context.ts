import type { Tx } from "@/lib/db/client";
import type { Role } from "@/lib/db/schema/workspaces";
import type { Plan } from "@/lib/plans/plan";

/** Who is acting: what the audit log records and what a service may check permissions against. */
export type Actor =
  | { type: "user"; userId: string; role: Role }
  | { type: "api_key"; apiKeyId: string; name: string }
  /** A contact on a public surface (the chat window, an SMS): null until they are known. */
  | { type: "contact"; contactId: string | null }
  /** Parley itself: the engine, scheduled jobs, the seed. */
  | { type: "system" };

export type ServiceWorkspace = { id: string; plan: Plan };

/**
 * What every service receives first. The caller (a server action, a route handler, a job, a test)
 * has authenticated the actor, checked their membership and role, and opened the transaction:
 * a service runs all its statements in `tx`, scopes every one to `workspace.id`, and never opens
 * a transaction of its own (a savepoint through tx.transaction where a part may fail alone).
 */
export type ServiceContext = { tx: Tx; workspace: ServiceWorkspace; actor: Actor };

/** The one shape of a mutation: `(ctx, input)`, input already parsed by the area's zod schema. */
export type Service<Input, Output> = (ctx: ServiceContext, input: Input) => Promise<Output>;

/** The user behind the actor, when there is one (what audit_log.actor_user_id and authorship record). */
export function actorUserId(actor: Actor): string | null {
  return actor.type === "user" ? actor.userId : null;
}
