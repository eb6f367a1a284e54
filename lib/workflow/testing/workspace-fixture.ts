import type { Plan } from "@/lib/plans/plan";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { contacts } from "@/lib/db/schema/contacts";
import { memberships, teamMembers, teams, users, workspaces } from "@/lib/db/schema/workspaces";

export type WorkspaceFixture = {
  workspaceId: string;
  builderId: string;
  agentId: string;
  teamId: string;
  chatChannelId: string;
  smsChannelId: string;
};

/** A workspace with a builder, an agent in a Support team, a default chat and an SMS channel. */
export async function createWorkspaceFixture(db: Database, options: { plan?: Plan } = {}): Promise<WorkspaceFixture> {
  const tag = randomUUID().slice(0, 8);
  const [workspace] = await db.insert(workspaces).values({ name: `W ${tag}`, plan: options.plan ?? "enterprise" }).returning();
  const [builder, agent] = await db
    .insert(users)
    .values([
      { email: `builder-${tag}@example.com`, name: "Bea Builder" },
      { email: `agent-${tag}@example.com`, name: "Sam Support" },
    ])
    .returning();
  await db.insert(memberships).values([
    { workspaceId: workspace!.id, userId: builder!.id, role: "admin" },
    { workspaceId: workspace!.id, userId: agent!.id, role: "agent" },
  ]);
  const [team] = await db.insert(teams).values({ workspaceId: workspace!.id, name: "Support" }).returning();
  await db.insert(teamMembers).values({ teamId: team!.id, userId: agent!.id });
  const [chat, sms] = await db
    .insert(channels)
    .values([
      { workspaceId: workspace!.id, kind: "chat", name: "Website chat", isDefault: true, identitySecret: "s" },
      { workspaceId: workspace!.id, kind: "sms", name: "SMS", isDefault: true, identitySecret: "s" },
    ])
    .returning();
  return { workspaceId: workspace!.id, builderId: builder!.id, agentId: agent!.id, teamId: team!.id, chatChannelId: chat!.id, smsChannelId: sms!.id };
}

export type ContactSeed = {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  attributes?: Record<string, string | number | boolean | null>;
  tags?: string[];
  lastConversationOpenedAt?: Date | null;
};

export async function createContacts(db: Database, workspaceId: string, seeds: ContactSeed[]): Promise<string[]> {
  const rows = await db
    .insert(contacts)
    .values(seeds.map((seed) => ({ workspaceId, ...seed, attributes: seed.attributes ?? {}, tags: seed.tags ?? [] })))
    .returning({ id: contacts.id });
  return rows.map((row) => row.id);
}

/** Many contacts in one statement (crash tests, benchmarks): names cycle through a short list. */
export async function createManyContacts(db: Database, workspaceId: string, count: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO contacts (workspace_id, first_name, last_name, email)
    SELECT ${workspaceId}, (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','Ken','Margaret','Dennis'])[1 + g % 10],
      'Contact ' || g, 'contact' || g || '@example.com'
    FROM generate_series(1, ${count}) g`);
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, options: { timeoutMs?: number; intervalMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${options.what ?? "a condition"}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
