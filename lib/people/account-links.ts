import { readEnv } from "@/lib/env";
import { publicBaseUrl } from "@/lib/sms/public-url";

/**
 * An absolute link into Parley for a mail: NEXTAUTH_URL (which `npm start` sets), or the address
 * the app listens on when a separately started worker was not told it.
 */
export function appLink(pathAndQuery: string): string {
  const env = readEnv();
  return `${publicBaseUrl() ?? `http://${env.HOSTNAME}:${env.PORT}`}${pathAndQuery}`;
}

export const passwordResetLink = (token: string) => appLink(`/reset-password?token=${encodeURIComponent(token)}`);
export const emailChangeLink = (token: string) => appLink(`/confirm-email?token=${encodeURIComponent(token)}`);
