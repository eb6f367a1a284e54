import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { eq } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { auditLog } = await import("@/lib/db/schema/platform");
const { memberships, users, workspaces } = await import("@/lib/db/schema/workspaces");
const { loadOutreachSettings } = await import("@/lib/outreach/outreach-settings");
const { updateOutreachSettingsAction } = await import("@/lib/actions/outreach");

let workspaceId: string;
const people: Record<"owner" | "admin" | "agent", string> = { owner: "", admin: "", agent: "" };

beforeAll(async () => {
  const db = getDb();
  const [ws] = await db.insert(workspaces).values({ name: "Outreach settings" }).returning({ id: workspaces.id });
  workspaceId = ws!.id;
  for (const key of Object.keys(people) as (keyof typeof people)[]) {
    const [user] = await db.insert(users).values({ email: `${key}-${randomUUID()}@example.com`, name: key }).returning({ id: users.id });
    people[key] = user!.id;
  }
  await db.insert(memberships).values([
    { workspaceId, userId: people.owner, role: "owner" },
    { workspaceId, userId: people.admin, role: "admin" },
    { workspaceId, userId: people.agent, role: "agent" },
  ]);
});

const settings = () => loadOutreachSettings(getDb(), workspaceId);

describe("Settings › Outreach's action", () => {
  it("lets an admin set the time zone and the frequency cap, audited; turning the cap off keeps the zone", async () => {
    signInAs({ id: people.admin });
    const saved = await updateOutreachSettingsAction({ workspaceId, timeZone: "Europe/Paris", frequencyCap: { messages: "3", days: "7" } });
    expect(saved).toEqual({ ok: true, data: { timeZone: "Europe/Paris", frequencyCap: { messages: 3, days: 7 } } });
    expect(await settings()).toEqual({ timeZone: "Europe/Paris", frequencyCap: { messages: 3, days: 7 } });
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
    expect(entry).toMatchObject({ action: "workspace.outreach_changed", actorUserId: people.admin });

    signInAs({ id: people.owner });
    expect(await updateOutreachSettingsAction({ workspaceId, timeZone: "Europe/Paris", frequencyCap: null })).toMatchObject({ ok: true });
    expect(await settings()).toEqual({ timeZone: "Europe/Paris", frequencyCap: null });
  });

  it("refuses an agent, and changes nothing", async () => {
    signInAs({ id: people.agent });
    const result = await updateOutreachSettingsAction({ workspaceId, timeZone: "Asia/Tokyo", frequencyCap: { messages: 1, days: 1 } });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await settings()).toEqual({ timeZone: "Europe/Paris", frequencyCap: null });
  });

  it("refuses numbers out of range or not whole, each with its field's message", async () => {
    signInAs({ id: people.admin });
    const cases = [
      [{ messages: 0, days: 7 }, "frequencyCap.messages", "Enter at least 1 messages."],
      [{ messages: 1001, days: 7 }, "frequencyCap.messages", "Enter at most 1000 messages."],
      [{ messages: 2.5, days: 7 }, "frequencyCap.messages", "Enter a whole number of messages."],
      [{ messages: 3, days: 0 }, "frequencyCap.days", "Enter at least 1 days."],
      [{ messages: 3, days: 366 }, "frequencyCap.days", "Enter at most 365 days."],
    ] as const;
    for (const [frequencyCap, field, message] of cases) {
      const result = await updateOutreachSettingsAction({ workspaceId, timeZone: "Europe/Paris", frequencyCap });
      expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { [field]: [message] } });
    }
    expect(await settings()).toEqual({ timeZone: "Europe/Paris", frequencyCap: null });
  });

  it("takes only a real IANA time zone", async () => {
    signInAs({ id: people.admin });
    for (const timeZone of ["Mars/Olympus_Mons", "Europe/Parid", "", "UTC+25"]) {
      const result = await updateOutreachSettingsAction({ workspaceId, timeZone, frequencyCap: null });
      expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { timeZone: ["Choose a time zone from the list (an IANA name, like Europe/Paris)."] } });
    }
    expect(await settings()).toMatchObject({ timeZone: "Europe/Paris" });
    expect(await updateOutreachSettingsAction({ workspaceId, timeZone: "America/Argentina/Buenos_Aires", frequencyCap: null })).toMatchObject({ ok: true });
    expect(await settings()).toMatchObject({ timeZone: "America/Argentina/Buenos_Aires" });
  });
});
