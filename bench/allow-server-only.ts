import { allowServerOnlyImports } from "@/lib/server/server-only-imports";

/**
 * `npm run bench:contacts` times server code marked `server-only` (the Contacts list's query)
 * beside code that imports client-safe React modules (node definitions' icons), so it cannot run
 * under the react-server condition as bench:inbox does. Loaded with `--import` (after tsx) by the
 * benchmarks and the chaos runner, before anything they import.
 */
allowServerOnlyImports();
