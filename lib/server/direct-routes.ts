import type { IncomingMessage, ServerResponse } from "node:http";
import { allowServerOnlyImports } from "./server-only-imports";

/** A route handler as an app route file exports it: a web Request in, a web Response out. */
export type WebRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The direct routes of a process: their handlers by `METHOD pattern`, and how a request is handed to one. */
export type DirectRoutes = {
  handlers: ReadonlyMap<string, WebRouteHandler>;
  call: (req: IncomingMessage, res: ServerResponse, handler: WebRouteHandler, params: Record<string, string>) => Promise<void>;
};

export const directRouteKey = (method: string, pattern: string) => `${method} ${pattern}`;

type DirectRoute = { method: "POST"; pattern: string; load: () => Promise<WebRouteHandler> };

/**
 * A route file's handler, typed with its own params, as a WebRouteHandler: its params are the
 * `[name]` segments of its pattern, which routeParams fills (the list's test checks each pattern
 * is its file's).
 */
const handlerOf = <P extends Record<string, string>>(handler: (request: Request, context: { params: Promise<P> }) => Promise<Response>) =>
  handler as unknown as WebRouteHandler;

/**
 * Route handlers that `npm start`'s front door (lib/server/serve-request.ts) calls itself instead
 * of handing the request to Next: the ones a crowd of strangers hits, where Next's own work per
 * request was the largest cost. Under the load bench (README › Load) Next's routing, its
 * request and response adapters and its async context cost about 1.5 ms of the web process's
 * CPU per chat message, a third of the message's whole cost.
 *
 * The handler is the route file's own export, so the route is written once and Next still serves
 * it wherever the front door does not (`npm run dev`, where edits must reload). A route may be
 * listed only if it reads nothing from Next's request scope (`next/headers`, `after`, caching) and
 * answers with a whole body, not a stream (lib/server/call-web-handler.ts writes it in one piece).
 */
const ROUTES: DirectRoute[] = [
  // A contact's chat message: 200 a second from 500 open chat pages in the load bench.
  { method: "POST", pattern: "/api/chat/[channelId]/messages", load: async () => handlerOf((await import("@/app/api/chat/[channelId]/messages/route")).POST) },
];

/**
 * The listed handlers, loaded (through tsx: a second copy of the code Next's bundle holds, as the
 * worker's is), with requests' URLs on `origin`. Call it once Next is prepared: the handlers
 * import `next/server`, which needs the async context Next's server sets up first.
 */
export async function loadDirectRoutes(origin: string): Promise<DirectRoutes> {
  // The chat's modules are marked server-only; this process is the server.
  allowServerOnlyImports();
  const { callWebHandler } = await import("./call-web-handler");
  const handlers = new Map<string, WebRouteHandler>();
  for (const route of ROUTES) handlers.set(directRouteKey(route.method, route.pattern), await route.load());
  return { handlers, call: (req, res, handler, params) => callWebHandler(req, res, handler, params, origin) };
}

/** The listed routes' patterns, for the test that each is a route of the app directory. */
export const directRoutePatterns = () => ROUTES.map((route) => ({ method: route.method, pattern: route.pattern }));

/**
 * A path's values for the pattern's `[name]` segments, decoded as Next decodes them; null when
 * a segment does not decode (the request goes to Next, which answers it).
 */
export function routeParams(pattern: string, pathname: string): Record<string, string> | null {
  const names = pattern.split("/");
  const values = pathname.split("/");
  const params: Record<string, string> = {};
  try {
    names.forEach((name, index) => {
      if (name.startsWith("[") && name.endsWith("]")) params[name.slice(1, -1)] = decodeURIComponent(values[index] ?? "");
    });
  } catch {
    return null;
  }
  return params;
}
