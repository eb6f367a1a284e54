import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getWorkspaceAccess, type WorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser, type SessionUser } from "@/lib/auth/session";
import { getDb, type Database } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { assertAcceptableText } from "@/lib/validation/text";
import { uuidSchema } from "@/lib/validation/uuid";
import { inRequestContext } from "@/lib/logging/request-context";
import { errorResponse, withRequestIdHeader } from "./route-handler";

// Next passes the dynamic segments as a promise.
type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

export type WorkspaceReadInput<P, Q> = { db: Database; user: SessionUser; access: WorkspaceAccess; params: P; query: Q };

const workspaceParams = z.object({ workspaceId: uuidSchema });

/**
 * A GET that the signed-in app reads through (the workflow editor's versions, runs, run logs and
 * node counts): plain fetches run side by side, where server actions would queue one behind the
 * other. In order: session (401), path parameters (404), membership of the path's workspace (404,
 * like a workspace that does not exist), query string (400), then the handler, whose result is
 * sent as JSON and never cached. Errors are the one error body (errorResponse).
 */
export function workspaceReadRoute<P extends z.ZodObject, Q extends z.ZodType = z.ZodObject<Record<string, never>>>(options: {
  /** The other path parameters (workspaceId is read apart); a value that does not parse is a 404. */
  params: P;
  query?: Q;
  handler: (input: WorkspaceReadInput<z.infer<P>, z.infer<Q>>) => Promise<unknown>;
}) {
  const querySchema = options.query ?? z.object({});
  return (request: Request, context?: RouteContext): Promise<Response> =>
    inRequestContext(async () => {
      try {
        const user = await requireSessionUser();
        const rawParams = (await context?.params) ?? {};
        const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
        assertAcceptableText({ ...rawParams, ...rawQuery }, "The address");
        const workspace = workspaceParams.safeParse(rawParams);
        const params = options.params.safeParse(rawParams);
        if (!workspace.success || !params.success) throw notFound("That item");
        const access = await getWorkspaceAccess(user.id, workspace.data.workspaceId);
        const query = querySchema.parse(rawQuery) as z.infer<Q>;
        const body = await options.handler({ db: getDb(), user, access, params: params.data as z.infer<P>, query });
        return withRequestIdHeader(NextResponse.json(body, { headers: { "Cache-Control": "private, no-store" } }));
      } catch (error) {
        return withRequestIdHeader(errorResponse(error));
      }
    });
}
