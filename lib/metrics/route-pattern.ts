import { readdirSync, readFileSync } from "node:fs";
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

const ROUTE_FILE = /^(page|route)\.(tsx|ts|jsx|js|mdx)$/;

/** How a segment matches, in the order Next prefers them at one position: static, [x], [...x], [[...x]]. */
function segmentRank(segment: string): number {
  if (segment.startsWith("[[...")) return 3;
  if (segment.startsWith("[...")) return 2;
  return segment.startsWith("[") ? 1 : 0;
}

function segmentSource(segment: string): string {
  switch (segmentRank(segment)) {
    case 3:
      return "(?:/.+?)?";
    case 2:
      return "/.+?";
    case 1:
      return "/[^/]+?";
    default:
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
  }
}

/**
 * The routes of an app directory as the manifest would list them, for when there is no built
 * manifest: `next dev` writes one without routes. Route groups `(x)` add nothing to the path;
 * parallel slots `@x`, private folders `_x` and intercepting routes `(.)x` serve no path of their own.
 */
export function appDirectoryRoutes(appDir: string): RoutesManifest {
  const pages = new Set<string>();
  const walk = (directory: string, segments: string[]) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isFile() && ROUTE_FILE.test(entry.name)) pages.add(`/${segments.join("/")}`);
      if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name.startsWith("@") || entry.name.startsWith("(.")) continue;
      const group = entry.name.startsWith("(") && entry.name.endsWith(")");
      walk(path.join(directory, entry.name), group ? segments : [...segments, entry.name]);
    }
  };
  walk(appDir, []);
  const split = (page: string) => page.split("/").filter(Boolean);
  const isStatic = (page: string) => split(page).every((segment) => segmentRank(segment) === 0);
  const byPreference = (a: string, b: string) => {
    const [x, y] = [split(a), split(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const rank = segmentRank(x[i]!) - segmentRank(y[i]!);
      if (rank !== 0) return rank;
    }
    return x.length - y.length;
  };
  const toRoute = (page: string): ManifestRoute => ({ page, regex: `^${split(page).map(segmentSource).join("") || "/"}(?:/)?$` });
  const all = [...pages];
  return {
    staticRoutes: all.filter(isStatic).sort().map(toRoute),
    dynamicRoutes: all.filter((page) => !isStatic(page)).sort(byPreference).map(toRoute),
  };
}

/**
 * The matcher of the build in `distDir` (`.next`). Without a manifest that lists routes (`npm run
 * dev`, whose manifest has none), the routes are read from the app directory itself.
 */
export function loadRoutePatternMatcher(distDir: string, appDir: string): (pathname: string) => string {
  let manifest: RoutesManifest | null = null;
  try {
    manifest = JSON.parse(readFileSync(path.join(distDir, "routes-manifest.json"), "utf8")) as RoutesManifest;
  } catch {
    // No build yet: the app directory below.
  }
  if (manifest?.staticRoutes?.length || manifest?.dynamicRoutes?.length) return routePatternMatcher(manifest);
  try {
    return routePatternMatcher(appDirectoryRoutes(appDir));
  } catch {
    return () => "unmatched";
  }
}
