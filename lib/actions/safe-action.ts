import "server-only";
import { z } from "zod";
import type { Role } from "@/lib/db/schema/workspaces";
import { assertRole, getWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { GENERIC_ERROR_MESSAGE, SafeError, type ErrorCode } from "@/lib/errors";
import { runService } from "@/lib/services/run-service";
import type { ServiceContext } from "@/lib/services/service-context";
import { issueMessage } from "@/lib/validation/issue-message";
import { assertNoPrototypeKeys } from "@/lib/validation/prototype-keys";
import { assertAcceptableText } from "@/lib/validation/text";
import { uuidSchema } from "@/lib/validation/uuid";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: ErrorCode; fieldErrors?: Record<string, string[]>; details?: unknown };

const workspaceInput = z.object({ workspaceId: uuidSchema });

type ActionOptions<S extends z.ZodType> = {
  /** The input's schema, from the service's area (lib/<area>/...); workspaceId is read apart. */
  schema: S;
  minimumRole?: Role;
  /** Pages to refresh after the change commits (revalidatePath); actions own revalidation. */
  revalidate?: (workspaceId: string) => void;
};

/**
 * The one guard every server action goes through: session, then membership and role in the
 * workspace named by the input (validated, never trusted), then the one text rule and the input's
 * schema, then the service in one transaction, then revalidation. Errors come back as values; only SafeError
 * messages ever reach the browser.
 */
export function workspaceAction<S extends z.ZodType, T>(
  options: ActionOptions<S>,
  service: (ctx: ServiceContext, input: z.infer<S>) => Promise<T>,
): (input: z.input<S> & { workspaceId: string }) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const user = await requireSessionUser();
      const { workspaceId } = workspaceInput.parse(raw);
      const access = await getWorkspaceAccess(user.id, workspaceId);
      assertRole(access, options.minimumRole ?? "agent");
      assertAcceptableText(raw, "This form");
      assertNoPrototypeKeys(raw, "This form");
      const input = options.schema.parse(raw);
      const scope = { workspace: { id: access.workspace.id, plan: access.workspace.plan }, actor: { type: "user" as const, userId: user.id, role: access.role } };
      const data = await runService(scope, service, input);
      options.revalidate?.(workspaceId);
      return { ok: true, data };
    } catch (error) {
      return toActionError(error);
    }
  };
}

/**
 * The guard of the few actions taken before anyone is a member (accepting an invitation): the
 * text rule and the schema, then the handler, which establishes who is acting itself (from a
 * link's token, the session if any). Errors come back as values, as for workspaceAction.
 */
export function publicAction<S extends z.ZodType, T>(options: { schema: S }, handler: (input: z.infer<S>) => Promise<T>): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      assertAcceptableText(raw, "This form");
      assertNoPrototypeKeys(raw, "This form");
      return { ok: true, data: await handler(options.schema.parse(raw)) };
    } catch (error) {
      return toActionError(error);
    }
  };
}

export function toActionError(error: unknown): Extract<ActionResult<never>, { ok: false }> {
  if (error instanceof z.ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) {
      const key = issue.path.join(".") || "_";
      (fieldErrors[key] ??= []).push(issueMessage(issue));
    }
    return { ok: false, error: "Some fields are not valid.", code: "invalid_input", fieldErrors };
  }
  if (error instanceof SafeError) {
    // A refusal that names its field (the text rule) is shown beside that field too.
    const path = (error.details as { path?: unknown } | undefined)?.path;
    const fieldErrors = typeof path === "string" && path !== "" ? { [path]: [error.message] } : undefined;
    return { ok: false, error: error.message, code: error.code, details: error.details, ...(fieldErrors && { fieldErrors }) };
  }
  console.error("[action] unexpected error", error);
  return { ok: false, error: GENERIC_ERROR_MESSAGE, code: "internal_error" };
}
