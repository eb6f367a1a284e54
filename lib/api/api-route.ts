import { NextResponse } from "next/server";
import type { z } from "zod";
import { SafeError } from "@/lib/errors";
import { assertAcceptableText } from "@/lib/validation/text";
import type { Actor, ServiceContext } from "@/lib/services/service-context";
import { authenticateApiRequest } from "./authenticate";
import { readIdempotencyKey, requestFingerprint, runIdempotent, type ApiResult } from "./idempotency";
import { consumeRateLimit, RateLimitedError, rateLimitHeaders, type RateLimitState } from "./rate-limit";
import { parseJsonBody, readRawBody } from "./read-json-body";
import { inRequestContext } from "@/lib/logging/request-context";
import { errorResponse, withRequestIdHeader } from "./route-handler";
import type { ApiScope } from "./scopes";

// Next passes no params object at all to routes without dynamic segments.
type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

/** A service context whose actor is the API key the request was made with. */
export type ApiServiceContext = ServiceContext & { actor: Extract<Actor, { type: "api_key" }> };

export type ApiHandlerInput<B, P> = {
  /** The request's transaction, the key's workspace (with its plan) and the key as the actor. */
  ctx: ApiServiceContext;
  body: B;
  params: P;
  request: Request;
};

type ApiRouteOptions<B extends z.ZodType | undefined, P extends z.ZodType, Q extends z.ZodType | undefined = undefined> = {
  scope: ApiScope;
  /** Path parameters; a value that does not parse (e.g. not a UUID) is answered 404. */
  params: P;
  /** The query string's parameters (one value each); a value that does not parse is a 400. */
  query?: Q;
  /** A strict JSON body schema, or undefined for requests without a body. */
  body: B;
  handler: (
    input: ApiHandlerInput<B extends z.ZodType ? z.infer<B> : undefined, z.infer<P>> & { query: Q extends z.ZodType ? z.infer<Q> : undefined },
  ) => Promise<ApiResult>;
};

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * The pipeline every /api/v1 endpoint runs, in this order: API key and scope (401/403), the
 * key's rate limit (429), path parameters (400 invalid_text, 404), the query string (400), body size (413), UTF-8 and
 * JSON (400/415), the text rule (400 invalid_text), schema (400),
 * then the handler inside one transaction with its Idempotency-Key record. Answers are JSON;
 * errors are {"error": {"code", "message"}} with a stable code.
 */
export function apiRoute<B extends z.ZodType | undefined, P extends z.ZodType, Q extends z.ZodType | undefined = undefined>(options: ApiRouteOptions<B, P, Q>) {
  return (request: Request, context?: RouteContext): Promise<Response> => inRequestContext(() => handle(request, context));
  async function handle(request: Request, context?: RouteContext): Promise<Response> {
    let limit: RateLimitState | null = null;
    try {
      const caller = await authenticateApiRequest(request, options.scope);
      limit = await consumeRateLimit(caller.apiKeyId, caller.rateLimitPerMinute);
      const rawParams = (await context?.params) ?? {};
      assertAcceptableText(rawParams, "The path");
      const parsedParams = options.params.safeParse(rawParams);
      if (!parsedParams.success) throw new SafeError("not_found", "No such resource.");
      const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
      assertAcceptableText(rawQuery, "The query string");
      const query = (options.query ? options.query.parse(rawQuery) : undefined) as Q extends z.ZodType ? z.infer<Q> : undefined;

      const idempotencyKey = request.method === "GET" ? null : readIdempotencyKey(request);
      const raw = options.body ? await readRawBody(request) : "";
      const body = (options.body ? parseJsonBody(request, raw, options.body) : undefined) as B extends z.ZodType ? z.infer<B> : undefined;

      const { result, replayed } = await runIdempotent(caller.apiKeyId, idempotencyKey, requestFingerprint(request, raw), (tx) =>
        options.handler({
          ctx: {
            tx,
            workspace: { id: caller.workspaceId, plan: caller.plan },
            actor: { type: "api_key", apiKeyId: caller.apiKeyId, name: caller.apiKeyName },
          },
          body,
          params: parsedParams.data,
          query,
          request,
        }),
      );
      const headers: Record<string, string> = { ...rateLimitHeaders(limit) };
      if (replayed) headers["Idempotent-Replayed"] = "true";
      return withRequestIdHeader(NextResponse.json(result.body, { status: result.status, headers }));
    } catch (error) {
      const response = withRequestIdHeader(errorResponse(error));
      if (error instanceof RateLimitedError) {
        return withHeaders(response, { ...rateLimitHeaders(error.state), "Retry-After": String(error.state.retryAfterSeconds) });
      }
      return limit ? withHeaders(response, rateLimitHeaders(limit)) : response;
    }
  }
}
