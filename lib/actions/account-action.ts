import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { clientAddress } from "@/lib/auth/client-address";
import { requireSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { assertWithinLimit } from "@/lib/limits/attempt-limit";
import { runAccountService, type AccountContext } from "@/lib/services/account-context";
import { assertNoPrototypeKeys } from "@/lib/validation/prototype-keys";
import { assertAcceptableText } from "@/lib/validation/text";
import { inRequestContext } from "@/lib/logging/request-context";
import { toActionError, type ActionResult } from "./safe-action";

type AttemptLimitOption = { bucket: string; max: number; windowSeconds: number; what: string };

/** Counted before the change's transaction, so a refused attempt (a wrong password) still counts. */
async function countAttempt(limit: AttemptLimitOption, key: string): Promise<void> {
  await assertWithinLimit(getDb(), { bucket: limit.bucket, key, max: limit.max, windowSeconds: limit.windowSeconds }, limit.what);
}

function checkText(raw: unknown): void {
  assertAcceptableText(raw, "This form");
  assertNoPrototypeKeys(raw, "This form");
}

/**
 * The guard of an action on the signed-in person's own account (profile, email, avatar,
 * password): session, an optional attempt limit per account, the one text rule, the input's
 * schema, then the service in one transaction. Errors come back as values, like workspaceAction's.
 */
export function accountAction<S extends z.ZodType, T>(
  options: { schema: S; limit?: AttemptLimitOption },
  service: (ctx: AccountContext, input: z.infer<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return (raw) => inRequestContext(async (): Promise<ActionResult<T>> => {
    try {
      const user = await requireSessionUser();
      checkText(raw);
      const input = options.schema.parse(raw);
      if (options.limit) await countAttempt(options.limit, user.id);
      return { ok: true, data: await runAccountService(user.id, service, input) };
    } catch (error) {
      return toActionError(error);
    }
  });
}

/**
 * The guard of a form used signed out (forgot password, reset, confirm an email): the text rule
 * and the schema, then the handler with the client's address (for its attempt limits).
 */
export function signedOutAction<S extends z.ZodType, T>(
  options: { schema: S },
  handler: (input: z.infer<S>, request: { client: string }) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return (raw) => inRequestContext(async (): Promise<ActionResult<T>> => {
    try {
      checkText(raw);
      const input = options.schema.parse(raw);
      const client = clientAddress((await headers()).get("x-forwarded-for"));
      return { ok: true, data: await handler(input, { client }) };
    } catch (error) {
      return toActionError(error);
    }
  });
}
