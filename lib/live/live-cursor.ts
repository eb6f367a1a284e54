/**
 * Where a live stream's reader stands, sent as the SSE `id:` and read back from Last-Event-ID.
 * Ids come from one shared sequence (live_events), but they are taken when an event is written and
 * delivered when its transaction commits, so a higher id can arrive before a lower one. "Up to
 * `last`" alone would then skip the lower one if the stream dropped in between; the cursor also
 * names the ids below `last` not seen yet (`pending`), which a resume replays if they committed
 * since. Text form: "120" or "120.117.119".
 */
export type LiveCursor = { last: number; pending: number[] };

/** How many unseen ids below `last` a cursor remembers, and how long (a transaction longer than that is taken as rolled back). */
export const MAX_PENDING = 64;
export const PENDING_MS = 60_000;

const CURSOR = /^\d{1,15}(\.\d{1,15}){0,64}$/;

export function parseLiveCursor(raw: string | null | undefined): LiveCursor | null {
  if (!raw || !CURSOR.test(raw)) return null;
  const [last = 0, ...pending] = raw.split(".").map(Number);
  return { last, pending: pending.filter((id) => id < last) };
}

export function formatLiveCursor(cursor: LiveCursor): string {
  return [cursor.last, ...cursor.pending].join(".");
}

/**
 * Follows every id a stream hears (also of events it does not pass on) in arrival order. A stream
 * hears only its scope's events (lib/live/listener.ts), so the ids of the others are skipped
 * ids too: they sit in `pending` until they expire, and a resume asks for them in vain (its replay
 * is scoped the same way). What it must not lose, its own events committed late, is kept the same.
 */
export class CursorTracker {
  private last: number;
  private readonly pending = new Map<number, number>();

  constructor(cursor: LiveCursor, now: number = Date.now()) {
    this.last = cursor.last;
    for (const id of cursor.pending) this.pending.set(id, now);
  }

  /** Whether an id is already behind the cursor (heard, or replayed). */
  covers(id: number): boolean {
    return id <= this.last && !this.pending.has(id);
  }

  observe(id: number, now?: number): void {
    if (id > this.last) {
      // The clock only when ids were skipped: a stream that hears its whole workspace skips few.
      const from = Math.max(this.last + 1, id - MAX_PENDING);
      if (from < id) {
        const at = now ?? Date.now();
        for (let gap = from; gap < id; gap++) this.pending.set(gap, at);
      }
      this.last = id;
    } else {
      this.pending.delete(id);
    }
  }

  cursor(now: number = Date.now()): LiveCursor {
    for (const [id, since] of this.pending) if (now - since > PENDING_MS) this.pending.delete(id);
    const pending = [...this.pending.keys()].sort((a, b) => a - b);
    for (const id of pending.splice(0, Math.max(0, pending.length - MAX_PENDING))) this.pending.delete(id);
    return { last: this.last, pending };
  }
}
