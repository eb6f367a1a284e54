import type { Instrumentation } from "next";

/**
 * Errors Next catches itself (a page or layout that throws while rendering, a route handler not
 * wrapped by route()): logged as one JSON line with the stack and the request id, like the errors
 * the shared wrappers catch. Next answers the request itself, without the stack.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  const { logger } = await import("@/lib/logging/logger");
  // npm start's server put the id on the request (lib/server/serve-request.ts).
  const given = request.headers["x-request-id"];
  const requestId = Array.isArray(given) ? given[0] : given;
  logger.error(
    { err: error, ...(requestId && { requestId }), method: request.method, routePath: context.routePath, routeType: context.routeType },
    "unexpected error in a request Next handled",
  );
};
