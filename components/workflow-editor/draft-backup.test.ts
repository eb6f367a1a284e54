import { describe, expect, it } from "vitest";
import { takeBackup, writeBackup } from "./draft-backup";

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
    size: () => map.size,
  };
}

describe("unsaved-edit backup", () => {
  it("gives the edits back once when the draft is still on the revision they were based on", () => {
    const storage = memoryStorage();
    writeBackup(storage, "wf", 7, { nodes: [1] });
    expect(takeBackup(storage, "wf", 7)).toEqual({ nodes: [1] });
    expect(takeBackup(storage, "wf", 7)).toBeNull();
  });

  it("drops a backup the draft has moved past", () => {
    const storage = memoryStorage();
    writeBackup(storage, "wf", 7, { nodes: [1] });
    expect(takeBackup(storage, "wf", 8)).toBeNull();
    expect(storage.size()).toBe(0);
  });

  it("ignores garbage", () => {
    const storage = memoryStorage();
    storage.setItem("parley:draft-backup:wf", "{not json");
    expect(takeBackup(storage, "wf", 1)).toBeNull();
  });
});
