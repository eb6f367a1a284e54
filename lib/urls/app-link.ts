import { readEnv } from "@/lib/env";

/** The app's public base URL (NEXTAUTH_URL, which `npm start` sets), without a trailing slash. */
export function publicBaseUrl(): string | null {
  const url = readEnv().NEXTAUTH_URL;
  return url ? url.replace(/\/+$/, "") : null;
}

/**
 * An absolute link into Parley for a mail or a provider's callback: the public base URL, or the
 * address the app listens on when a separately started worker was not told it.
 */
export function appLink(pathAndQuery: string): string {
  const env = readEnv();
  return `${publicBaseUrl() ?? `http://${env.HOSTNAME}:${env.PORT}`}${pathAndQuery}`;
}
