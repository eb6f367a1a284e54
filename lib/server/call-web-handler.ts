import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_BODY_BYTES, readBoundedBytes } from "@/lib/api/read-json-body";
import { errorResponse } from "@/lib/api/route-handler";
import { logger } from "@/lib/logging/logger";
import type { WebRouteHandler } from "./direct-routes";

function toWebRequest(req: IncomingMessage, origin: string, body: Buffer): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  // The URL's origin is the app's public one, never the request's Host header (which the caller picks).
  return new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength) });
}

async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.end(body);
}

/**
 * Answers a Node request with an app route's handler, as Next would call it (a web Request, the
 * route's params as a promise) but without Next. Whatever goes wrong outside the handler (a body
 * too large, a handler that throws) is answered like any route's error: a JSON body with a code
 * and the request id, the stack only in the log.
 */
export async function callWebHandler(req: IncomingMessage, res: ServerResponse, handler: WebRouteHandler, params: Record<string, string>, origin: string): Promise<void> {
  let response: Response;
  try {
    // No direct route takes more than MAX_BODY_BYTES (each still applies its own, smaller limit).
    // A refused body is left unread, not destroyed with its socket: the 413 still has to go out.
    const body = await readBoundedBytes(req.iterator({ destroyOnReturn: false }), req.headers["content-length"], MAX_BODY_BYTES);
    const request = toWebRequest(req, origin, body);
    response = await handler(request, { params: Promise.resolve(params) });
  } catch (error) {
    // The caller went away (mid-body, or while the handler ran): nobody to answer.
    if (res.destroyed) return;
    response = errorResponse(error);
    // What is left of a refused body is not read: the connection closes after the answer.
    if (!req.readableEnded) res.setHeader("Connection", "close");
  }
  if (res.headersSent || res.destroyed) return;
  try {
    await writeWebResponse(res, response);
  } catch (error) {
    // A body that failed while being read: nothing whole can be sent any more.
    logger.error({ err: error }, "could not write a direct route's response");
    res.destroy();
  }
}
