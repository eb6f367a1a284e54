import { readEnv } from "@/lib/env";

// Development only: lets `next dev` work without setup. Production refuses to run without a
// real secret (next-auth throws NO_SECRET), which `npm start` generates under .data/.
const DEVELOPMENT_SECRET = "parley-development-secret-do-not-use-in-production";

/**
 * The key that signs and encrypts session tokens. next-auth, getServerSession and the proxy must
 * all use the same one; next-auth's own fallback derives a different key per call site.
 */
export function authSecret(): string | undefined {
  const env = readEnv();
  const secret = env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
  if (secret) return secret;
  return env.NODE_ENV === "production" ? undefined : DEVELOPMENT_SECRET;
}
