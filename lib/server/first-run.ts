import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import type { EmbeddedServer } from "@/lib/db/embedded-server";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/db/seed/demo-identities";
import { users } from "@/lib/db/schema/workspaces";
import { issueSetupLink } from "@/lib/setup/setup-link";

/**
 * Whether `npm start` seeds the demo workspaces: as PARLEY_SEED says, and when it says nothing,
 * only on the embedded database (a try-out), never on the operator's own DATABASE_URL.
 */
export function seedsDemo(parleySeed: boolean | undefined, database: { embedded: boolean }): boolean {
  return parleySeed ?? database.embedded;
}

/** How the person reading the start output gets in. */
export type WayIn =
  | { kind: "setup"; link: string }
  | { kind: "demo"; email: string; password: string }
  | { kind: "sign-in"; url: string };

const demoOwner = DEMO_USERS[0];

/** The demo seed ran on this database (on this start or an earlier one): its owner's account exists. */
async function demoWasSeeded(db: Database): Promise<boolean> {
  const [found] = await db.select({ id: users.id }).from(users).where(eq(users.id, demoOwner.id));
  return Boolean(found);
}

/**
 * No account yet: a fresh single-use setup link (the earlier ones stop working). The demo seeded:
 * its credentials. Otherwise only where to sign in: never credentials that do not exist.
 */
export async function wayIn(db: Database, publicUrl: string): Promise<WayIn> {
  const link = await issueSetupLink(db, publicUrl);
  if (link) return { kind: "setup", link };
  if (await demoWasSeeded(db)) return { kind: "demo", email: demoOwner.email, password: DEMO_PASSWORD };
  return { kind: "sign-in", url: `${publicUrl.replace(/\/+$/, "")}/sign-in` };
}

/** Which database this start uses, for the banner; never the URL itself (it may hold a password). */
export function describeDatabase(embedded: Pick<EmbeddedServer, "directory" | "relocation" | "runAs"> | null): string {
  if (!embedded) return "PostgreSQL at DATABASE_URL";
  const { relocation, runAs } = embedded;
  if (!relocation) return `embedded PostgreSQL in ${embedded.directory}`;
  return (
    `embedded PostgreSQL in ${embedded.directory}\n` +
    `                 (not in ${relocation.requested}: PostgreSQL runs as the \`${runAs?.name ?? "postgres"}\` user, who cannot enter ${relocation.blockedAt})`
  );
}

export function startBanner(input: { url: string; worker: boolean; database: string; wayIn: WayIn }): string {
  const lines = [`  Parley is running on ${input.url}  (web${input.worker ? " + worker" : ""})`, "", `  Database:      ${input.database}`, ""];
  const way = input.wayIn;
  if (way.kind === "setup") {
    lines.push(
      "  No one has an account yet. Open this link to create the first owner and workspace:",
      "",
      `  ${way.link}`,
      "",
      "  It works once; each start prints a new one until someone has used it.",
    );
  } else if (way.kind === "demo") {
    lines.push(`  Sign in with:  ${way.email}`, `  Password:      ${way.password}`);
  } else {
    lines.push(`  Sign in at:    ${way.url}`);
  }
  return `\n${lines.join("\n")}\n`;
}
