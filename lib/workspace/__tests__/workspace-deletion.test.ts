import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { eq, sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { seedDemoData } = await import("@/lib/db/seed/demo-seed");
const { ACME_WORKSPACE_ID, DEMO_USERS, GLOBEX_WORKSPACE_ID } = await import("@/lib/db/seed/demo-identities");
const { users, workspaces } = await import("@/lib/db/schema/workspaces");
const { createWorkspaceAction, deleteWorkspaceAction } = await import("@/lib/actions/workspace");
const { keyFor } = await import("@/lib/api/__tests__/api-fixtures");
const { startWorker } = await import("@/lib/jobs/run-worker");
const { createManyContacts, waitFor } = await import("@/lib/workflow/testing/workspace-fixture");
const { removeDeletedWorkspace, workspaceDeletionPlan } = await import("@/lib/workspace/workspace-deletion");

const db = getDb();

/** From the database itself, not the schema: every table with a workspace_id column, and every foreign key. */
async function catalog() {
  const withWorkspace = await db.execute<{ table: string }>(sql`
    SELECT c.relname AS table FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attname = 'workspace_id' AND NOT a.attisdropped AND c.relname <> 'workspaces'`);
  const foreignKeys = await db.execute<{ child: string; parent: string; on_delete: string }>(sql`
    SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent, confdeltype AS on_delete
    FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`);
  return { withWorkspace: withWorkspace.rows.map((row) => row.table), foreignKeys: foreignKeys.rows };
}

/** Rows of the workspace left anywhere: in every table with a workspace_id, and in those that hang off one. */
async function rowsLeft(workspaceId: string): Promise<Record<string, number>> {
  const { withWorkspace } = await catalog();
  const counts: Record<string, number> = {};
  for (const table of withWorkspace) {
    const result = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE workspace_id = ${workspaceId}`);
    if (result.rows[0]!.n > 0) counts[table] = result.rows[0]!.n;
  }
  const hanging = await db.execute<{ team_members: number; chat_rate_limits: number; idempotency_keys: number; api_rate_limits: number }>(sql`
    SELECT (SELECT count(*)::int FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.workspace_id = ${workspaceId}) AS team_members,
           (SELECT count(*)::int FROM chat_rate_limits l JOIN contacts c ON c.id = l.contact_id WHERE c.workspace_id = ${workspaceId}) AS chat_rate_limits,
           (SELECT count(*)::int FROM idempotency_keys i JOIN api_keys k ON k.id = i.api_key_id WHERE k.workspace_id = ${workspaceId}) AS idempotency_keys,
           (SELECT count(*)::int FROM api_rate_limits r JOIN api_keys k ON k.id = r.api_key_id WHERE k.workspace_id = ${workspaceId}) AS api_rate_limits`);
  for (const [table, n] of Object.entries(hanging.rows[0]!)) if (n > 0) counts[table] = n;
  return counts;
}

async function markDeleted(workspaceId: string) {
  await db.update(workspaces).set({ deletionStartedAt: sql`now()` }).where(eq(workspaces.id, workspaceId));
}

const exists = async (workspaceId: string) => (await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId))).length > 0;

beforeAll(async () => {
  await seedDemoData(db);
  // Rows in the tables the seed leaves empty: an API key with its idempotency and rate-limit rows, a mail, an audit entry.
  const key = await keyFor(GLOBEX_WORKSPACE_ID);
  await keyFor(ACME_WORKSPACE_ID);
  await db.execute(sql`INSERT INTO idempotency_keys (api_key_id, key, request_hash) SELECT id, 'k1', 'h' FROM api_keys`);
  await db.execute(sql`INSERT INTO api_rate_limits (api_key_id, window_start, count) SELECT id, now(), 1 FROM api_keys`);
  await db.execute(sql`INSERT INTO chat_rate_limits (contact_id, window_start, count) SELECT id, now(), 1 FROM contacts`);
  await db.execute(sql`INSERT INTO mails (workspace_id, kind, to_address, subject, html, text) VALUES (${GLOBEX_WORKSPACE_ID}, 'test', 'a@example.com', 's', '<p>h</p>', 'h')`);
  expect(key).toBeTruthy();
});

describe("the deletion plan", () => {
  it("covers every table of the database that holds workspace data, children before the tables they reference", async () => {
    const plan = workspaceDeletionPlan().map((step) => step.name);
    const { withWorkspace, foreignKeys } = await catalog();
    for (const table of withWorkspace) expect(plan).toContain(table);
    // Tables without a workspace_id that belong to one through a parent deleted with it.
    for (const table of ["team_members", "chat_rate_limits", "idempotency_keys", "api_rate_limits"]) expect(plan).toContain(table);
    // Nobody's account, and nothing shared by all workspaces.
    for (const table of ["users", "one_time_tokens", "attempt_windows", "sign_in_attempts", "worker_heartbeats", "workspaces"]) expect(plan).not.toContain(table);
    for (const key of foreignKeys) {
      // 'n' is ON DELETE SET NULL, which may give way; every other reference is deleted child first.
      if (key.child === key.parent || key.on_delete === "n" || !plan.includes(key.child) || !plan.includes(key.parent)) continue;
      expect(plan.indexOf(key.child), `${key.child} before ${key.parent}`).toBeLessThan(plan.indexOf(key.parent));
    }
  });
});

describe("removing a deleted workspace", () => {
  it("leaves a workspace alone unless its deletion has started", async () => {
    const before = await rowsLeft(GLOBEX_WORKSPACE_ID);
    expect(await removeDeletedWorkspace(db, GLOBEX_WORKSPACE_ID)).toBe(false);
    expect(await rowsLeft(GLOBEX_WORKSPACE_ID)).toEqual(before);
  });

  it("removes everything in it in batches no larger than the batch size, the workspace row last, and nothing of any other workspace", async () => {
    const globexBefore = await rowsLeft(GLOBEX_WORKSPACE_ID);
    const acmeBefore = await rowsLeft(ACME_WORKSPACE_ID);
    expect(acmeBefore.contacts).toBeGreaterThan(150);
    await markDeleted(ACME_WORKSPACE_ID);

    const batches: { table: string; deleted: number }[] = [];
    const done = await removeDeletedWorkspace(db, ACME_WORKSPACE_ID, {
      batchSize: 40,
      afterBatch: async (progress) => {
        batches.push(progress);
        // The row goes last: it is still there after every batch.
        expect(await exists(ACME_WORKSPACE_ID)).toBe(true);
      },
    });

    expect(done).toBe(true);
    expect(await exists(ACME_WORKSPACE_ID)).toBe(false);
    expect(await rowsLeft(ACME_WORKSPACE_ID)).toEqual({});
    expect(batches.every((batch) => batch.deleted <= 40)).toBe(true);
    expect(batches.filter((batch) => batch.table === "contacts").length).toBeGreaterThan(1);
    const deleted = (table: string) => batches.filter((batch) => batch.table === table).reduce((sum, batch) => sum + batch.deleted, 0);
    for (const [table, n] of Object.entries(acmeBefore)) expect(deleted(table), table).toBe(n);
    // Globex shares an owner with Acme: untouched, and so are the people.
    expect(await rowsLeft(GLOBEX_WORKSPACE_ID)).toEqual(globexBefore);
    expect((await db.select({ id: users.id }).from(users)).length).toBe(DEMO_USERS.length);
  });

  it("finishes on a retry after crashing midway", async () => {
    const before = await rowsLeft(GLOBEX_WORKSPACE_ID);
    await markDeleted(GLOBEX_WORKSPACE_ID);
    let batches = 0;
    let deletedBeforeCrash = 0;
    const crash = removeDeletedWorkspace(db, GLOBEX_WORKSPACE_ID, {
      batchSize: 3,
      afterBatch: ({ deleted }) => {
        deletedBeforeCrash += deleted;
        if (++batches === 4) throw new Error("the worker died");
      },
    });
    await expect(crash).rejects.toThrow("the worker died");
    // What the first run committed stays deleted; the rest, and the workspace row, are still there.
    const halfway = await rowsLeft(GLOBEX_WORKSPACE_ID);
    expect(await exists(GLOBEX_WORKSPACE_ID)).toBe(true);
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(deletedBeforeCrash).toBeGreaterThan(0);
    expect(total(halfway)).toBe(total(before) - deletedBeforeCrash);

    expect(await removeDeletedWorkspace(db, GLOBEX_WORKSPACE_ID, { batchSize: 3 })).toBe(true);
    expect(await rowsLeft(GLOBEX_WORKSPACE_ID)).toEqual({});
    expect(await exists(GLOBEX_WORKSPACE_ID)).toBe(false);
  });
});

describe("the workspace-delete job", () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  beforeAll(async () => {
    worker = await startWorker({ connectionString: url, concurrency: 2 });
  });
  afterAll(async () => {
    await worker.stop();
  });

  it("runs once the owner deletes the workspace, and removes it with more rows than one batch", async () => {
    const [owner] = DEMO_USERS;
    signInAs({ id: owner.id });
    const created = await createWorkspaceAction({ name: "Doomed" });
    if (!created.ok) throw new Error(created.error);
    const workspaceId = created.data.id;
    await createManyContacts(db, workspaceId, 2_500);
    expect(await deleteWorkspaceAction({ workspaceId, confirmName: "Doomed" })).toMatchObject({ ok: true });
    await waitFor(async () => !(await exists(workspaceId)), { what: "the workspace to be removed", timeoutMs: 30_000 });
    expect(await rowsLeft(workspaceId)).toEqual({});
  });
});
