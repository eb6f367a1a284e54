import { z } from "zod";

/**
 * A copy of unsaved edits kept in localStorage when the page is left (reload, closed tab) during
 * the autosave debounce. It is only trusted on the revision it was based on: if the draft moved on
 * since, the copy is stale and dropped rather than replayed over someone else's edits.
 */
const backupSchema = z.object({ baseRevision: z.number().int(), graph: z.unknown(), at: z.number() });
export type DraftBackup = z.infer<typeof backupSchema>;

const key = (workflowId: string) => `parley:draft-backup:${workflowId}`;

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function writeBackup(storage: StorageLike, workflowId: string, baseRevision: number, graph: unknown, now = Date.now()): void {
  try {
    storage.setItem(key(workflowId), JSON.stringify({ baseRevision, graph, at: now }));
  } catch {
    // Quota or privacy mode: the debounced autosave is still the main path.
  }
}

export function clearBackup(storage: StorageLike, workflowId: string): void {
  try {
    storage.removeItem(key(workflowId));
  } catch {
    // ignore: see writeBackup
  }
}

/** The backed-up graph if it was based on the draft revision the server has now; otherwise null (and it is removed). */
export function takeBackup(storage: StorageLike, workflowId: string, serverRevision: number): unknown {
  let raw: string | null = null;
  try {
    raw = storage.getItem(key(workflowId));
  } catch {
    return null;
  }
  if (raw === null) return null;
  clearBackup(storage, workflowId);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  const backup = backupSchema.safeParse(parsed);
  if (!backup.success || backup.data.baseRevision !== serverRevision) return null;
  return backup.data.graph;
}
