import { describe, expect, it } from "vitest";
import { COALESCE_WINDOW_MS, emptyHistory, HISTORY_LIMIT, recordEdit, redo, undo } from "./editor-history";

describe("editor history", () => {
  it("undoes and redoes edits in order", () => {
    let history = emptyHistory<string>();
    history = recordEdit(history, "a", { now: 0 });
    history = recordEdit(history, "b", { now: 10_000 });
    const first = undo(history, "c");
    expect(first?.state).toBe("b");
    const second = undo(first!.history, "b");
    expect(second?.state).toBe("a");
    expect(undo(second!.history, "a")).toBeNull();
    const again = redo(second!.history, "a");
    expect(again?.state).toBe("b");
    expect(redo(again!.history, "b")?.state).toBe("c");
  });

  it("merges edits with the same key inside the window into one step", () => {
    let history = emptyHistory<string>();
    history = recordEdit(history, "", { key: "config:n1:message", now: 0 });
    history = recordEdit(history, "H", { key: "config:n1:message", now: COALESCE_WINDOW_MS - 1 });
    history = recordEdit(history, "Hi", { key: "config:n1:message", now: 2 * COALESCE_WINDOW_MS - 2 });
    expect(history.past).toEqual([""]);
    history = recordEdit(history, "Hi!", { key: "config:n1:message", now: 10 * COALESCE_WINDOW_MS });
    expect(history.past).toEqual(["", "Hi!"]);
  });

  it("does not merge different keys, and a new edit clears the redo stack", () => {
    let history = emptyHistory<string>();
    history = recordEdit(history, "a", { key: "x", now: 0 });
    history = recordEdit(history, "b", { key: "y", now: 1 });
    expect(history.past).toEqual(["a", "b"]);
    const undone = undo(history, "c")!;
    expect(undone.history.future).toEqual(["c"]);
    const after = recordEdit(undone.history, "b", { key: "x", now: 2 });
    expect(after.future).toEqual([]);
  });

  it("an undo breaks coalescing so the next keystroke is its own step", () => {
    let history = recordEdit(emptyHistory<string>(), "a", { key: "k", now: 0 });
    history = undo(history, "b")!.history;
    history = recordEdit(history, "a", { key: "k", now: 1 });
    expect(history.past).toEqual(["a"]);
  });

  it("keeps at most HISTORY_LIMIT steps", () => {
    let history = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 20; i += 1) history = recordEdit(history, i, { now: i * 10_000 });
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]).toBe(20);
  });
});
