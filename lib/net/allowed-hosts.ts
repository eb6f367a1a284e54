import { readEnv, type EnvSource } from "@/lib/env";

/** Lower-case host without IPv6 brackets, as it is compared against the allow-list. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[|\]$/g, "");
}

/**
 * Hosts an operator trusts Parley to connect to even though they resolve to internal addresses
 * (WEBHOOK_ALLOWED_HOSTS, comma-separated, e.g. "localhost,127.0.0.1,hooks.internal"): webhook
 * receivers, SMS providers, mail servers. Read on each call so tests and restarts see the current value.
 */
export function allowedOutboundHosts(source?: EnvSource): ReadonlySet<string> {
  const raw = readEnv(source).WEBHOOK_ALLOWED_HOSTS ?? "";
  return new Set(
    raw
      .split(",")
      .map(normalizeHost)
      .filter((host) => host !== ""),
  );
}

export function isHostAllowListed(host: string, allowed: ReadonlySet<string> = allowedOutboundHosts()): boolean {
  return allowed.has(normalizeHost(host));
}
