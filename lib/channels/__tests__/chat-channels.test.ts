import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { auditLog } from "@/lib/db/schema/platform";
import { memberships, users, workspaces } from "@/lib/db/schema/workspaces";
import { SafeError } from "@/lib/errors";
import { runService } from "@/lib/services/run-service";
import { useTestDatabase } from "@/lib/testing/test-database";
import { asMember, type ServiceScope } from "@/lib/testing/service-scope";
import { waitFor } from "@/lib/workflow/testing/workspace-fixture";
import { createChatChannel } from "@/lib/channels/chat-channels";

await useTestDatabase();

let scope: ServiceScope;

beforeAll(async () => {
  const db = getDb();
  const [workspace] = await db.insert(workspaces).values({ name: "No channels yet" }).returning();
  const [admin] = await db.insert(users).values({ email: `admin-${randomUUID()}@example.com`, name: "Ada Admin" }).returning();
  await db.insert(memberships).values({ workspaceId: workspace!.id, userId: admin!.id, role: "admin" });
  scope = await asMember(workspace!.id, admin!.id);
});

const chatChannelsOf = (workspaceId: string) =>
  getDb().select().from(channels).where(and(eq(channels.workspaceId, workspaceId), eq(channels.kind, "chat")));

describe("createChatChannel", () => {
  it("answers the second of two simultaneous first channels with a clear 409, not a 500", async () => {
    const db = getDb();
    let second: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      // The first creation is written but not committed yet: the second sees no default chat
      // channel, and its insert waits on the one-default index until the first commits.
      await createChatChannel({ tx, ...scope }, { name: "Website chat" });
      second = runService(scope, createChatChannel, { name: "Help center" }).then(
        () => null,
        (error: unknown) => error,
      );
      await waitFor(
        async () => {
          const waiting = await db.execute<{ n: number }>(sql`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'insert into "channels"%'`);
          return waiting.rows[0]!.n > 0;
        },
        { what: "the second insert to wait for the first" },
      );
    });
    const error = await second;
    expect(error).toBeInstanceOf(SafeError);
    expect(error).toMatchObject({ code: "conflict", status: 409 });
    expect((error as SafeError).message).toMatch(/just created/);

    const created = await chatChannelsOf(scope.workspace.id);
    expect(created).toEqual([expect.objectContaining({ name: "Website chat", isDefault: true })]);
    const entries = await db.select().from(auditLog).where(eq(auditLog.workspaceId, scope.workspace.id));
    expect(entries.map((entry) => entry.action)).toEqual(["channel.created"]);
  });

  it("makes a later chat channel a non-default one", async () => {
    await runService(scope, createChatChannel, { name: "Help center" });
    const created = await chatChannelsOf(scope.workspace.id);
    expect(created.find((channel) => channel.name === "Help center")).toMatchObject({ isDefault: false });
  });
});
