import { describe, expect, it } from "vitest";
import { EditorStore } from "./editor-store";
import type { FlowNode } from "./flow-types";

function store() {
  let now = 0;
  const nodes: FlowNode[] = [
    { id: "t", type: "manual", position: { x: 0, y: 0 }, data: { config: {} } },
    { id: "s", type: "start_conversation", position: { x: 0, y: 200 }, data: { config: {} } },
  ];
  const editor = new EditorStore({ nodes, edges: [{ id: "e", source: "t", target: "s" }] }, { now: () => (now += 5_000) });
  return editor;
}

describe("editor store", () => {
  it("undo restores a deleted node and its connection; redo deletes it again", () => {
    const editor = store();
    editor.select(["s"]);
    expect(editor.deleteSelection()).toBe(true);
    expect(editor.getState().nodes.map((node) => node.id)).toEqual(["t"]);
    expect(editor.getState().edges).toEqual([]);
    editor.undo();
    expect(editor.getState().nodes.map((node) => node.id)).toEqual(["t", "s"]);
    expect(editor.getState().edges.map((edge) => edge.id)).toEqual(["e"]);
    editor.redo();
    expect(editor.getState().nodes.map((node) => node.id)).toEqual(["t"]);
  });

  it("a drag is one undo step however many moves it has", () => {
    const editor = store();
    editor.onNodesChange([{ id: "s", type: "position", position: { x: 10, y: 200 }, dragging: true }]);
    editor.onNodesChange([{ id: "s", type: "position", position: { x: 20, y: 200 }, dragging: true }]);
    editor.onNodesChange([{ id: "s", type: "position", position: { x: 30, y: 200 }, dragging: false }]);
    expect(editor.getState().history.past).toHaveLength(1);
    editor.undo();
    expect(editor.getState().nodes[1]!.position).toEqual({ x: 0, y: 200 });
  });

  it("selection and measuring are not edits", () => {
    const editor = store();
    const version = editor.getState().docVersion;
    editor.onNodesChange([{ id: "s", type: "select", selected: true }]);
    editor.onNodesChange([{ id: "s", type: "dimensions", dimensions: { width: 100, height: 40 } }]);
    expect(editor.getState().history.past).toHaveLength(0);
    expect(editor.getState().docVersion).toBe(version);
  });

  it("refuses connections into a trigger or to the same node, and replaces a used output", () => {
    const editor = store();
    editor.connect({ source: "s", target: "t", sourceHandle: null, targetHandle: null });
    editor.connect({ source: "s", target: "s", sourceHandle: null, targetHandle: null });
    expect(editor.getState().edges).toHaveLength(1);
    editor.addNode("wait", { x: 0, y: 400 }, {});
    const wait = editor.getState().nodes.at(-1)!.id;
    editor.connect({ source: "t", target: wait, sourceHandle: null, targetHandle: null });
    expect(editor.getState().edges.map((edge) => [edge.source, edge.target])).toEqual([["t", wait]]);
  });

  it("connects and disconnects an output from the panel (the keyboard's edges), undoably", () => {
    const editor = store();
    editor.addNode("branch_conversation_started", { x: 0, y: 400 }, {});
    editor.addNode("close_conversation", { x: 0, y: 600 }, {});
    const [branch, close] = editor.getState().nodes.slice(2).map((node) => node.id) as [string, string];
    expect(editor.outputTarget("t", "out")).toBe("s");
    editor.setOutputTarget("s", "out", branch);
    editor.setOutputTarget(branch, "not_started", close);
    expect(editor.outputTarget("s", "out")).toBe(branch);
    expect(editor.outputTarget(branch, "not_started")).toBe(close);
    expect(editor.outputTarget(branch, "started")).toBeNull();
    expect(editor.getState().edges.find((edge) => edge.source === branch)).toMatchObject({ sourceHandle: "not_started", targetHandle: "in", label: "Not started" });
    // Into a trigger is refused, as on the canvas.
    editor.setOutputTarget(close, "out", "t");
    expect(editor.outputTarget(close, "out")).toBeNull();

    editor.setOutputTarget("t", "out", null);
    expect(editor.outputTarget("t", "out")).toBeNull();
    editor.undo();
    expect(editor.outputTarget("t", "out")).toBe("s");
  });

  it("treats an edge saved without a handle as leaving by the first output: a new connection from it replaces it", () => {
    const editor = store();
    const close = editor.addNode("close_conversation", { x: 0, y: 400 }, {});
    editor.connect({ source: "t", sourceHandle: "out", target: close, targetHandle: "in" });
    expect(editor.getState().edges.filter((edge) => edge.source === "t").map((edge) => edge.target)).toEqual([close]);
  });

  it("copies and pastes the selection with new ids, as one undo step", () => {
    const editor = store();
    editor.selectAll();
    expect(editor.copy()?.nodes).toHaveLength(2);
    editor.paste();
    const state = editor.getState();
    expect(state.nodes).toHaveLength(4);
    expect(state.edges).toHaveLength(2);
    expect(new Set(state.nodes.map((node) => node.id)).size).toBe(4);
    expect(state.nodes.filter((node) => node.selected)).toHaveLength(2);
    editor.undo();
    expect(editor.getState().nodes).toHaveLength(2);
  });

  it("fans repeated pastes out instead of stacking them", () => {
    const editor = store();
    editor.select(["t"]);
    editor.copy();
    editor.paste();
    editor.paste();
    const copies = editor.getState().nodes.filter((node) => node.type === "manual").map((node) => node.position);
    expect(copies).toEqual([{ x: 0, y: 0 }, { x: 40, y: 40 }, { x: 80, y: 80 }]);
  });

  it("keeps a node's issue list identity when its issues did not change", () => {
    const editor = store();
    editor.setIssues([{ nodeId: "s", field: "message", message: "Write the message." }]);
    const before = editor.getState().issues.get("s");
    editor.setIssues([{ nodeId: "s", field: "message", message: "Write the message." }, { nodeId: null, message: "x" }]);
    expect(editor.getState().issues.get("s")).toBe(before);
    expect(editor.getState().workflowIssues).toHaveLength(1);
  });

  it("a refused publish's problems follow live validation: fixed ones go, and none left closes them", () => {
    const editor = store();
    const message = { nodeId: "s", field: "message", message: "Write the message." };
    const trigger = { nodeId: null, message: "Add a trigger." };
    editor.setIssues([message, trigger]);
    editor.setPublishIssues([trigger, message]);
    // Nothing changed yet: the same list, so the banner does not re-render.
    const shown = editor.getState().publishIssues;
    editor.setIssues([message, trigger]);
    expect(editor.getState().publishIssues).toBe(shown);
    // The message is written: its problem goes, the trigger's stays.
    editor.setIssues([trigger, { nodeId: "s", field: "assignee", message: "Choose who gets it." }]);
    expect(editor.getState().publishIssues).toEqual([trigger]);
    editor.setIssues([{ nodeId: "s", field: "assignee", message: "Choose who gets it." }]);
    expect(editor.getState().publishIssues).toBeNull();
  });

  it("config edits to one field coalesce while typing", () => {
    let now = 0;
    const editor = new EditorStore({ nodes: [{ id: "n", type: "wait", position: { x: 0, y: 0 }, data: { config: {} } }], edges: [] }, { now: () => (now += 100) });
    editor.updateConfig("n", "duration", { amount: 1, unit: "days" });
    editor.updateConfig("n", "duration", { amount: 12, unit: "days" });
    expect(editor.getState().history.past).toHaveLength(1);
    editor.undo();
    expect(editor.getState().nodes[0]!.data.config).toEqual({});
  });
});
