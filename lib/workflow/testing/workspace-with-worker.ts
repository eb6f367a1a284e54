import { afterAll } from "vitest";
import { getDb } from "@/lib/db/client";
import { startWorker, type WorkerHandle } from "@/lib/jobs/run-worker";
import { createWorkspaceFixture, type WorkspaceFixture } from "./workspace-fixture";

/**
 * For an engine suite: a workspace fixture and the real worker on the suite's database (from
 * useTestDatabase), created at once; the worker stops after the suite.
 */
export async function useWorkspaceWithWorker(url: string): Promise<{ ws: WorkspaceFixture; worker: WorkerHandle }> {
  const ws = await createWorkspaceFixture(getDb());
  const worker = await startWorker({ connectionString: url, concurrency: 2 });
  afterAll(() => worker.stop());
  return { ws, worker };
}
