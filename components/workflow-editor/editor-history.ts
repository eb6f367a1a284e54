/**
 * Undo/redo as a pure value. The live canvas state lives elsewhere (it also changes for things
 * that are not edits: selection, measuring, the middle of a drag); callers record the state from
 * just before each edit.
 */
export type History<T> = {
  past: readonly T[];
  future: readonly T[];
  /** Consecutive edits with the same key inside the window are one undo step (typing, nudging). */
  lastKey: string | null;
  lastAt: number;
};

export const HISTORY_LIMIT = 200;
export const COALESCE_WINDOW_MS = 1_000;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [], lastKey: null, lastAt: 0 };
}

export function recordEdit<T>(history: History<T>, before: T, options: { key?: string; now: number }): History<T> {
  const key = options.key ?? null;
  if (key !== null && key === history.lastKey && options.now - history.lastAt <= COALESCE_WINDOW_MS) {
    return { ...history, future: [], lastAt: options.now };
  }
  const past = [...history.past, before];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [], lastKey: key, lastAt: options.now };
}

export function undo<T>(history: History<T>, current: T): { history: History<T>; state: T } | null {
  const state = history.past.at(-1);
  if (state === undefined) return null;
  return {
    state,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null, lastAt: 0 },
  };
}

export function redo<T>(history: History<T>, current: T): { history: History<T>; state: T } | null {
  const [state, ...future] = history.future;
  if (state === undefined) return null;
  return {
    state,
    history: { past: [...history.past, current], future, lastKey: null, lastAt: 0 },
  };
}
