import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** What every log line of one web request, server action or job carries. */
export type RequestContext = {
  requestId: string;
  /** A job's id and task, when the context is a job run. */
  job?: { id: string; task: string; attempt: number };
};

// On globalThis: `npm start` loads lib/ twice (once through tsx for the HTTP server and the
// worker, once inside Next's server bundle), and both must see the context the server set.
const globalForContext = globalThis as unknown as { parleyRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (globalForContext.parleyRequestContext ??= new AsyncLocalStorage<RequestContext>());

// An id a load balancer or a caller sent: short, and only characters that are safe in a log line
// and a header. Anything else is replaced by our own id.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The incoming X-Request-Id when it is sane, else a new one. */
export function requestIdFrom(incoming: string | string[] | null | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `fn` with `context` as the context of every log line written inside it. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/**
 * Runs `fn` in the current request's context, or, when there is none (a caller outside `npm
 * start`'s server, a test), in a new one: what the shared wrappers (routes, actions) call, so
 * every request they serve has an id whichever way it arrived.
 */
export function inRequestContext<T>(fn: () => T): T {
  return storage.getStore() ? fn() : storage.run({ requestId: randomUUID() }, fn);
}
