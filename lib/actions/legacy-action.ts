import "server-only";
import { z } from "zod";
import type { Role, Workspace } from "../db/schema/workspaces";
import { assertRole, getWorkspaceAccess } from "../auth/membership";
import { requireSessionUser, type SessionUser } from "../auth/session";
import { toActionError, type ActionResult } from "./safe-action";

// TEMPORARY, while the areas move to services: the guard's old shape, for the action files that
// have not moved yet. Deleted once no action imports it.

export type ActionContext = { user: SessionUser; workspace: Workspace; role: Role };

const workspaceInput = z.object({ workspaceId: z.uuid() });

export function legacyWorkspaceAction<S extends z.ZodType, T>(
  options: { schema: S; minimumRole?: Role },
  handler: (input: z.infer<S>, context: ActionContext) => Promise<T>,
): (input: z.input<S> & { workspaceId: string }) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const user = await requireSessionUser();
      const { workspaceId } = workspaceInput.parse(raw);
      const access = await getWorkspaceAccess(user.id, workspaceId);
      assertRole(access, options.minimumRole ?? "agent");
      const input = options.schema.parse(raw);
      return { ok: true, data: await handler(input, { user, workspace: access.workspace, role: access.role }) };
    } catch (error) {
      return toActionError(error);
    }
  };
}
