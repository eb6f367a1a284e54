import "server-only";
import { z } from "zod";
import type { Role } from "@/lib/db/schema/workspaces";
import { assertRole, getWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { GENERIC_ERROR_MESSAGE, SafeError, type ErrorCode } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";
import { currentRequestId, inRequestContext } from "@/lib/logging/request-context";
import { runService } from "@/lib/services/run-service";
import type { ServiceContext } from "@/lib/services/service-context";
import { issueMessage } from "@/lib/validation/issue-message";
import { assertNoPrototypeKeys } from "@/lib/validation/prototype-keys";
import { assertAcceptableText } from "@/lib/validation/text";
import { uuidSchema } from "@/lib/validation/uuid";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: ErrorCode; fieldErrors?: Record<string, string[]>; details?: unknown; requestId?: string };

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
 * messages ever reach the browser. Every wrapper runs in a request context, so each log line of
 * the action carries its request id (npm start's server sets it from X-Request-Id).
 */
export function workspaceAction<S extends z.ZodType, T>(
  options: ActionOptions<S>,
  service: (ctx: ServiceContext, input: z.infer<S>) => Promise<T>,
): (input: z.input<S> & { workspaceId: string }) => Promise<ActionResult<T>> {
  return (raw) => inRequestContext(async (): Promise<ActionResult<T>> => {
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
  });
}

/** The input checks every action makes: the one text rule, no prototype keys, then the schema. */
function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  assertAcceptableText(raw, "This form");
  assertNoPrototypeKeys(raw, "This form");
  return schema.parse(raw);
}

/**
 * For what a signed-in person does outside any one workspace (creating a workspace): session,
 * then the input, then `run` with the user's id. `run` opens its transaction (runService or its
 * own) since there is no workspace to scope a ServiceContext to yet.
 */
export function userAction<S extends z.ZodType, T>(
  options: { schema: S },
  run: (userId: string, input: z.infer<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return (raw) => inRequestContext(async (): Promise<ActionResult<T>> => {
    try {
      const user = await requireSessionUser();
      return { ok: true, data: await run(user.id, parseInput(options.schema, raw)) };
    } catch (error) {
      return toActionError(error);
    }
  });
}

/**
 * For a page anyone with its link may use (the first-run setup): no session; `run` checks what
 * the link carries (a single-use token) itself. Only the input checks and the error handling.
 */
export function publicAction<S extends z.ZodType, T>(
  options: { schema: S },
  run: (input: z.infer<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return (raw) => inRequestContext(async (): Promise<ActionResult<T>> => {
    try {
      return { ok: true, data: await run(parseInput(options.schema, raw)) };
    } catch (error) {
      return toActionError(error);
    }
  });
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
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error }, "database unavailable");
    return { ok: false, error: DATABASE_UNAVAILABLE_MESSAGE, code: "database_unavailable" };
  }
  // The stack goes to the log; the person gets the request id to quote (the log line has it too).
  logger.error({ err: error }, "unexpected error in a server action");
  const requestId = currentRequestId();
  return { ok: false, error: GENERIC_ERROR_MESSAGE, code: "internal_error", ...(requestId && { requestId }) };
}
