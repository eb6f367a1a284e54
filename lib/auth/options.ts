import { eq, sql } from "drizzle-orm";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/workspaces";
import { readEnv } from "@/lib/env";
import { clientAddress } from "./client-address";
import { hashPassword, verifyPassword } from "./password";
import { authSecret } from "./secret";
import { verifySessionProof } from "./session-proof";
import { throttledMessage, WRONG_CREDENTIALS } from "./sign-in-messages";
import { clearFailures, recordFailure, secondsLocked, throttleKeys } from "./sign-in-throttle";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

// Checked when the email is unknown, so "no such account" costs as long as "wrong password"
// and response times do not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;
const timingDecoy = () => (dummyHash ??= hashPassword("parley-timing-decoy"));

async function findUserByEmail(email: string) {
  const [user] = await getDb()
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return user;
}

function oauthProviders(): NextAuthOptions["providers"] {
  const env = readEnv();
  const providers: NextAuthOptions["providers"] = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((p) => ({ id: p.id, name: p.name }));
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in", signOut: "/sign-out", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new Error(WRONG_CREDENTIALS);
        const client = clientAddress(req?.headers?.["x-forwarded-for"]);
        const keys = throttleKeys(parsed.data.email, client);
        const wait = await secondsLocked(keys);
        if (wait > 0) throw new Error(throttledMessage(wait));
        const user = await findUserByEmail(parsed.data.email);
        const ok = user?.passwordHash
          ? await verifyPassword(parsed.data.password, user.passwordHash)
          : await verifyPassword(parsed.data.password, await timingDecoy()).then(() => false);
        if (!user || !ok) {
          await recordFailure(keys);
          throw new Error(WRONG_CREDENTIALS);
        }
        await clearFailures(keys);
        return { id: user.id, email: user.email, name: user.name, image: user.avatarUrl };
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    // OAuth only signs in people who already have a Parley account with that email.
    async signIn({ user, account, profile }) {
      if (!account || account.provider === "credentials") return true;
      // Google says whether it verified the address; an unverified one must not claim an account.
      if (account.provider === "google" && (profile as { email_verified?: boolean } | undefined)?.email_verified !== true) {
        return false;
      }
      return user.email ? Boolean(await findUserByEmail(user.email)) : false;
    },
    // The token remembers the account's session version when it was issued: a password change
    // or reset raises the version, and getSessionUser refuses tokens of an older one. The browser
    // that made the change asks for an update (trigger "update") with the proof the change gave
    // it, and keeps its session; an update without that proof changes nothing, so an old
    // session cannot revive itself.
    async jwt({ token, user, trigger, session }) {
      if (user?.email) {
        const found = await findUserByEmail(user.email);
        if (found) {
          token.sub = found.id;
          token.sv = found.sessionVersion;
        }
      } else if (trigger === "update" && token.sub) {
        const [found] = await getDb().select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, token.sub));
        const proof = (session as { sessionProof?: unknown } | undefined)?.sessionProof;
        if (found && verifySessionProof(proof, token.sub, found.sessionVersion)) token.sv = found.sessionVersion;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      session.sessionVersion = typeof token.sv === "number" ? token.sv : 0;
      return session;
    },
  },
};

declare module "next-auth" {
  interface Session {
    user: { id: string; name?: string | null; email?: string | null; image?: string | null };
    /** The account's session version this session was signed with (see users.sessionVersion). */
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sv?: number;
  }
}
