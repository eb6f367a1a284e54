import { readFileSync } from "node:fs";
import path from "node:path";

type ManifestRoute = { page: string; regex: string };
type RoutesManifest = { staticRoutes?: ManifestRoute[]; dynamicRoutes?: ManifestRoute[] };

/**
 * Names a request path by the app's route it matched (`/api/v1/conversations/[conversationId]`),
 * so the latency histogram has one series per route rather than one per id. Read from the build's
 * routes manifest, where Next lists static routes and then dynamic ones in the order it matches them.
 * A path no route matches (a 404, Next's own assets) gets a fixed name, never the path itself.
 */
export function routePatternMatcher(manifest: RoutesManifest): (pathname: string) => string {
  const routes = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return "/_next";
    return routes.find((route) => route.regex.test(pathname))?.page ?? "unmatched";
  };
}

/** The matcher of the build in `distDir` (`.next`); without one (dev, no build yet) every path is "unmatched". */
export function loadRoutePatternMatcher(distDir: string): (pathname: string) => string {
  try {
    return routePatternMatcher(JSON.parse(readFileSync(path.join(distDir, "routes-manifest.json"), "utf8")) as RoutesManifest);
  } catch {
    return () => "unmatched";
  }
}
