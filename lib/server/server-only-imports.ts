import { register } from "node:module";

// "server-only" throws unless it is resolved under the react-server condition, which only Next's
// server bundle uses. This resolves it to an empty module instead.
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;

const globalForHooks = globalThis as unknown as { parleyServerOnlyAllowed?: boolean };

/**
 * Lets this Node process import modules marked `server-only` outside Next's bundle. The mark keeps
 * server code out of the browser's bundle; a process that runs the server's own code (npm start's
 * front door, lib/server/direct-routes.ts; the benchmarks that time server queries) is no browser.
 * Only imports that start after this call are affected.
 */
export function allowServerOnlyImports(): void {
  if (globalForHooks.parleyServerOnlyAllowed) return;
  globalForHooks.parleyServerOnlyAllowed = true;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
