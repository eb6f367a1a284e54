import { register } from "node:module";

/**
 * `npm run bench:contacts` times server code marked `server-only` (the Contacts list's query)
 * beside code that imports client-safe React modules (node definitions' icons), so it cannot run
 * under the react-server condition as bench:inbox does: this resolves "server-only" to an empty
 * module instead, for this benchmark process only.
 */
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
