import type { IncomingMessage, ServerResponse } from "node:http";
import { CHAT_BODY_BYTES } from "@/lib/chat/chat-message-body";
import { allowServerOnlyImports } from "./server-only-imports";

/** A route handler as an app route file exports it: a web Request in, a web Response out. */
export type WebRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A listed route, loaded: its handler and the most its body may hold (the route's own limit). */
export type DirectRoute = { handler: WebRouteHandler; maxBodyBytes: number };

/** The direct routes of a process by `METHOD pattern`, and how a request is handed to one. */
export type DirectRoutes = {
  routes: ReadonlyMap<string, DirectRoute>;
  call: (req: IncomingMessage, res: ServerResponse, route: DirectRoute, params: Record<string, string>) => Promise<void>;
};

export const directRouteKey = (method: string, pattern: string) => `${method} ${pattern}`;

type ListedRoute = { method: "POST"; pattern: string; maxBodyBytes: number; load: () => Promise<WebRouteHandler> };

/**
 * A route file's handler, typed with its own params, as a WebRouteHandler: its params are the
 * `[name]` segments of its pattern, which routeParams fills. That the file is the pattern's is
 * up to whoever lists it (the list's test checks that the pattern is a route of the app).
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
 * listed only if it reads nothing from Next's request scope (`next/headers`, `after`, caching),
 * does not watch its request's abort signal (it never fires here), and answers with a whole body,
 * not a stream (lib/server/call-web-handler.ts writes it in one piece).
 */
const ROUTES: ListedRoute[] = [
  // A contact's chat message: 200 a second from 500 open chat pages in the load bench.
  {
    method: "POST",
    pattern: "/api/chat/[channelId]/messages",
    maxBodyBytes: CHAT_BODY_BYTES,
    load: async () => handlerOf((await import("@/app/api/chat/[channelId]/messages/route")).POST),
  },
];

/**
 * The listed handlers, loaded (through tsx: a second copy of the code Next's bundle holds, as the
 * worker's is), with requests' URLs on `origin`. Call it once Next is prepared: the handlers
 * import `next/server`, which needs the async context Next's server sets up first.
 */
export async function loadDirectRoutes(origin: string): Promise<DirectRoutes> {
  // The chat's modules are marked server-only; this process is the server.
  allowServerOnlyImports();
  // Loaded here, not at the top: it imports `next/server` too (the routes' error answers), and
  // serve-request.ts, which imports this file, loads before Next is prepared.
  const { callWebHandler } = await import("./call-web-handler");
  const routes = new Map<string, DirectRoute>();
  for (const route of ROUTES) routes.set(directRouteKey(route.method, route.pattern), { handler: await route.load(), maxBodyBytes: route.maxBodyBytes });
  return { routes, call: (req, res, route, params) => callWebHandler(req, res, route, params, origin) };
}

/** The listed routes' patterns, for the test that each is a route of the app directory. */
export const directRoutePatterns = () => ROUTES.map((route) => ({ method: route.method, pattern: route.pattern }));

/**
 * A path's values for the pattern's `[name]` segments, decoded as Next decodes them; null when
 * a segment does not decode, or the path ends in a slash (Next redirects it): Next answers those.
 */
export function routeParams(pattern: string, pathname: string): Record<string, string> | null {
  if (pathname.endsWith("/")) return null;
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
