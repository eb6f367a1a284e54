import { describe, expect, it, vi } from "vitest";
import { AutosaveController, DRAFT_CONFLICT, type AutosaveStatus, type SaveResult } from "./autosave-controller";

function setup(save: (graph: { v: number }, revision: number) => Promise<SaveResult>, initial = { v: 0 }) {
  let graph = initial;
  const statuses: AutosaveStatus["state"][] = [];
  let pending: (() => void) | null = null;
  const timers = {
    set: (fn: () => void) => {
      pending = fn;
      return fn;
    },
    clear: () => {
      pending = null;
    },
  };
  const controller = new AutosaveController({
    revision: 3,
    read: () => graph,
    save,
    onStatus: (status) => statuses.push(status.state),
    timers,
  });
  return {
    controller,
    statuses,
    edit(v: number) {
      graph = { v };
      controller.notifyChange();
    },
    async fire() {
      const fn = pending;
      pending = null;
      fn?.();
      await vi.waitFor(() => expect(controller.currentStatus.state).not.toBe("saving"));
    },
    get timerPending() {
      return pending !== null;
    },
  };
}

describe("draft autosave", () => {
  it("debounces edits into one save based on the last known revision", async () => {
    const save = vi.fn(async (_graph: { v: number }, revision: number): Promise<SaveResult> => ({ ok: true, revision: revision + 1 }));
    const harness = setup(save);
    harness.edit(1);
    harness.edit(2);
    harness.edit(3);
    expect(save).not.toHaveBeenCalled();
    await harness.fire();
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith({ v: 3 }, 3);
    expect(harness.controller.currentRevision).toBe(4);
    expect(harness.statuses).toEqual(["pending", "saving", "saved"]);
    harness.edit(4);
    await harness.fire();
    expect(save).toHaveBeenLastCalledWith({ v: 4 }, 4);
  });

  it("skips a save when the graph is back to what was saved", async () => {
    const save = vi.fn(async (): Promise<SaveResult> => ({ ok: true, revision: 9 }));
    const harness = setup(save);
    harness.edit(1);
    harness.edit(0);
    await harness.fire();
    expect(save).not.toHaveBeenCalled();
    expect(harness.controller.currentStatus.state).toBe("saved");
  });

  it("stops on a conflict and never retries over the other tab's draft", async () => {
    const save = vi.fn(async (): Promise<SaveResult> => ({ ok: false, code: DRAFT_CONFLICT, error: "Changed elsewhere." }));
    const harness = setup(save);
    harness.edit(1);
    await harness.fire();
    expect(harness.controller.currentStatus).toEqual({ state: "conflict", message: "Changed elsewhere." });
    harness.edit(2);
    expect(harness.timerPending).toBe(false);
    expect(await harness.controller.flush()).toBe(false);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("retries after an ordinary failure", async () => {
    const save = vi
      .fn<(graph: { v: number }, revision: number) => Promise<SaveResult>>()
      .mockRejectedValueOnce(new Error("offline"))
      .mockResolvedValueOnce({ ok: true, revision: 4 });
    const harness = setup(save);
    harness.edit(1);
    await harness.fire();
    expect(harness.controller.currentStatus.state).toBe("error");
    expect(harness.timerPending).toBe(true);
    await harness.fire();
    expect(harness.controller.currentStatus.state).toBe("saved");
    expect(save).toHaveBeenCalledTimes(2);
  });

  it("saves edits made while a save was in flight, on the new revision", async () => {
    let resolveFirst: (result: SaveResult) => void = () => {};
    const save = vi
      .fn<(graph: { v: number }, revision: number) => Promise<SaveResult>>()
      .mockImplementationOnce(() => new Promise((resolve) => (resolveFirst = resolve)))
      .mockResolvedValueOnce({ ok: true, revision: 5 });
    const harness = setup(save);
    harness.edit(1);
    const flushing = harness.controller.flush();
    harness.edit(2);
    resolveFirst({ ok: true, revision: 4 });
    await flushing;
    expect(harness.controller.currentStatus.state).toBe("pending");
    await harness.fire();
    expect(save).toHaveBeenLastCalledWith({ v: 2 }, 4);
    expect(harness.controller.currentRevision).toBe(5);
    expect(harness.controller.hasUnsavedChanges).toBe(false);
  });
});
