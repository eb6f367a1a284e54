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
const { renameWorkspaceAction: renameWorkspace } = await import("@/lib/actions/workspace");

let workspaceId: string;
let otherWorkspaceId: string;
const people: Record<"owner" | "admin" | "agent" | "outsider", string> = { owner: "", admin: "", agent: "", outsider: "" };

beforeAll(async () => {
  const db = getDb();
  const [ws, other] = await db.insert(workspaces).values([{ name: "Initech" }, { name: "Other" }]).returning({ id: workspaces.id });
  workspaceId = ws!.id;
  otherWorkspaceId = other!.id;
  for (const key of Object.keys(people) as (keyof typeof people)[]) {
    const [user] = await db.insert(users).values({ email: `${key}-${randomUUID()}@example.com`, name: key }).returning({ id: users.id });
    people[key] = user!.id;
  }
  await db.insert(memberships).values([
    { workspaceId, userId: people.owner, role: "owner" },
    { workspaceId, userId: people.admin, role: "admin" },
    { workspaceId, userId: people.agent, role: "agent" },
    { workspaceId: otherWorkspaceId, userId: people.outsider, role: "owner" },
  ]);
});

const nameOf = async (id: string) => (await getDb().select().from(workspaces).where(eq(workspaces.id, id)))[0]?.name;

describe("renameWorkspace", () => {
  it("lets an owner rename the workspace and records it in the audit log", async () => {
    signInAs({ id: people.owner });
    const result = await renameWorkspace({ workspaceId, name: "  Initrode  " });
    expect(result).toEqual({ ok: true, data: { name: "Initrode" } });
    expect(await nameOf(workspaceId)).toBe("Initrode");
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
    expect(entry).toMatchObject({ action: "workspace.renamed", actorUserId: people.owner, data: { from: "Initech", to: "Initrode" } });
  });

  it("refuses admins and agents", async () => {
    for (const id of [people.admin, people.agent]) {
      signInAs({ id });
      const result = await renameWorkspace({ workspaceId, name: "Not theirs to name" });
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await nameOf(workspaceId)).toBe("Initrode");
  });

  it("answers not found to someone outside the workspace", async () => {
    signInAs({ id: people.outsider });
    expect(await renameWorkspace({ workspaceId, name: "Taken over" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await nameOf(workspaceId)).toBe("Initrode");
  });

  it("validates the name", async () => {
    signInAs({ id: people.owner });
    const result = await renameWorkspace({ workspaceId, name: "   " });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { name: ["Give the workspace a name."] } });
  });
});
