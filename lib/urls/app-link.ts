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

/**
 * A URL that leaves the app (in an email) absolute: a path Parley serves, such as an uploaded
 * avatar's /api/avatars/<id>, on the public base URL as appLink makes it; an http(s) URL as it
 * is; anything else (another scheme, a protocol-relative //host) null.
 */
export function absoluteAppUrl(url: string): string | null {
  if (url.startsWith("/") && !url.startsWith("//")) return appLink(url);
  return /^https?:\/\//i.test(url) ? url : null;
}
