import type { IncomingMessage, ServerResponse } from "node:http";
import { readBoundedBytes } from "@/lib/api/read-json-body";
import { errorResponse } from "@/lib/api/route-handler";
import { SafeError } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";
import type { DirectRoute } from "./direct-routes";

// What follows mirrors how Next hands a route handler its request and sends its response
// (next/dist/server/send-response.js), so a route answers the same through either.

// The body is written whole here, so its framing is Node's, whatever the handler's response says.
const FRAMING_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding"]);
// Headers an answer may carry several times. Any other the front door already set (the security
// headers, the request id) stays as the front door set it.
const REPEATABLE_HEADERS = new Set(["set-cookie", "vary", "www-authenticate", "proxy-authenticate"]);

/**
 * The body, read whole up to the route's own limit. Past it, a stream that fails with the refusal
 * when the handler reads it, so the route still decides when to answer that (the chat checks the
 * session first); what is left of the body is never read.
 */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>> {
  try {
    // Not destroyed when the loop stops early: the answer still has to go out on its socket.
    const bytes = await readBoundedBytes(req.iterator({ destroyOnReturn: false }), req.headers["content-length"], maxBytes);
    return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    if (!(error instanceof SafeError && error.code === "payload_too_large")) throw error;
    return new ReadableStream({ start: (controller) => controller.error(error) });
  }
}

async function toWebRequest(req: IncomingMessage, route: DirectRoute, origin: string): Promise<Request> {
  const headers = new Headers();
  // The headers as the front door leaves them (its request id), joined as Node joins repeats.
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req, route.maxBodyBytes);
  // The URL's origin is the app's public one, never the request's Host header (which the caller picks).
  // No abort signal, unlike Next's: handing undici one cost 30–60 µs a request here (it links the
  // two through a FinalizationRegistry), and no listed route reads it (the list's rule, checked).
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, body };
  if (body instanceof ReadableStream) init.duplex = "half";
  return new Request(new URL(req.url ?? "/", origin), init);
}

async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  // Read before anything is written, so that a body that fails can still be answered with an error.
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  response.headers.forEach((value, name) => {
    if (FRAMING_HEADERS.has(name) || name === "set-cookie") return;
    if (REPEATABLE_HEADERS.has(name) || res.getHeader(name) === undefined) res.appendHeader(name, value);
  });
  for (const cookie of response.headers.getSetCookie()) res.appendHeader("set-cookie", cookie);
  res.end(body);
}

/**
 * Answers a Node request with an app route's handler, as Next would call it (a web Request, the
 * route's params as a promise) but without Next. What goes wrong outside the handler is answered
 * like any route's error: a JSON body with a code and the request id, the stack only in the log.
 */
export async function callWebHandler(req: IncomingMessage, res: ServerResponse, route: DirectRoute, params: Record<string, string>, origin: string): Promise<void> {
  let response: Response;
  try {
    response = await route.handler(await toWebRequest(req, route, origin), { params: Promise.resolve(params) });
  } catch (error) {
    // The caller went away (mid-body, or while the handler ran): nobody to answer.
    if (res.destroyed) return;
    response = errorResponse(error);
  }
  if (res.headersSent || res.destroyed) return;
  // A refused body's rest was never read: the connection closes after the answer.
  if (!req.readableEnded) res.setHeader("Connection", "close");
  try {
    await writeWebResponse(res, response);
  } catch (error) {
    if (res.headersSent) {
      logger.error({ err: error }, "could not write a direct route's response");
      res.destroy();
    } else await writeWebResponse(res, errorResponse(error));
  }
}
