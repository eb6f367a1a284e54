import "server-only";
import { z } from "zod";
import type { Role, Workspace } from "../db/schema/workspaces";
import { assertRole, getWorkspaceAccess } from "../auth/membership";
import { requireSessionUser, type SessionUser } from "../auth/session";
import { GENERIC_ERROR_MESSAGE, SafeError } from "../errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: string; fieldErrors?: Record<string, string[]>; details?: unknown };

export type ActionContext = { user: SessionUser; workspace: Workspace; role: Role };

const workspaceInput = z.object({ workspaceId: z.string().uuid() });

/**
 * The one guard every mutation goes through: session, then membership and role in the
 * workspace named by the input (validated, never trusted), then the input's schema, then the
 * handler. Errors come back as values; only SafeError messages ever reach the browser.
 */
export function workspaceAction<S extends z.ZodType, T>(
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

export function toActionError(error: unknown): { ok: false; error: string; code: string; fieldErrors?: Record<string, string[]>; details?: unknown } {
  if (error instanceof z.ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) {
      const key = issue.path.join(".") || "_";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { ok: false, error: "Some fields are not valid.", code: "invalid_input", fieldErrors };
  }
  if (error instanceof SafeError) {
    return { ok: false, error: error.message, code: error.code, details: error.details };
  }
  console.error("[action] unexpected error", error);
  return { ok: false, error: GENERIC_ERROR_MESSAGE, code: "internal_error" };
}
