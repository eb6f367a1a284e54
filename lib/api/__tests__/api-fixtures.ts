import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { ACME_WORKSPACE_ID, DEMO_USERS, GLOBEX_WORKSPACE_ID } from "@/lib/db/seed/demo-identities";
import { runService } from "@/lib/services/run-service";
import { asMember } from "@/lib/testing/service-scope";
import { createApiKey } from "@/lib/api/api-keys";
import { API_SCOPES, type ApiScope } from "@/lib/api/scopes";

export { ACME_WORKSPACE_ID, GLOBEX_WORKSPACE_ID };

type Handler = (request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

export async function keyFor(workspaceId: string, scopes: readonly ApiScope[] = API_SCOPES, name = "Amelia AI"): Promise<string> {
  const created = await runService(await asMember(workspaceId, DEMO_USERS[0].id), createApiKey, { name, scopes: [...scopes] });
  return created.secret;
}

/** Calls a route module's exported handler the way Next would, with a real Request. */
export async function call(
  handler: Handler,
  options: {
    method?: string;
    path: string;
    key?: string | null;
    body?: unknown;
    /** Sent as is: a string (encoded as UTF-8) or bytes (which need not be UTF-8). */
    rawBody?: string | Uint8Array;
    params?: Record<string, string>;
    headers?: Record<string, string>;
  },
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { "Content-Type": "application/json", ...options.headers };
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  const raw = options.rawBody instanceof Uint8Array ? new Blob([new Uint8Array(options.rawBody)]) : options.rawBody;
  const body = raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(`http://localhost:3000${options.path}`, { method: options.method ?? "POST", headers, body });
  // Like Next, which gives routes without dynamic segments no params at all.
  const response = await handler(request, options.params ? { params: Promise.resolve(options.params) } : undefined);
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}

export async function count(table: "conversations" | "messages" | "contacts" | "workflow_runs", workspaceId = ACME_WORKSPACE_ID): Promise<number> {
  const result = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE workspace_id = ${workspaceId}`);
  return result.rows[0]!.n;
}

export async function aContact(workspaceId: string, where = sql`TRUE`) {
  const result = await getDb().execute<{ id: string; first_name: string | null; external_id: string | null; email: string | null; phone: string | null }>(
    sql`SELECT id, first_name, external_id, email, phone FROM contacts WHERE workspace_id = ${workspaceId} AND ${where} ORDER BY created_at, id LIMIT 1`,
  );
  return result.rows[0]!;
}

export function errorCode(json: Record<string, unknown>): string | undefined {
  return (json.error as { code?: string } | undefined)?.code;
}
