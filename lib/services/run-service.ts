import { getDb } from "@/lib/db/client";
import type { Actor, ServiceContext, ServiceWorkspace } from "./service-context";

/**
 * Runs a service in a transaction of its own: what server actions, route handlers, jobs and tests
 * call. Everything the service wrote commits together, or nothing does.
 */
export function runService<Input, Output>(
  scope: { workspace: ServiceWorkspace; actor: Actor },
  service: (ctx: ServiceContext, input: Input) => Promise<Output>,
  input: Input,
): Promise<Output> {
  return getDb().transaction((tx) => service({ tx, workspace: scope.workspace, actor: scope.actor }, input));
}
