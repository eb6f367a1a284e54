import { describe, expect, it } from "vitest";
import { parseWorkflowGraph, type WorkflowGraph, type WorkflowGraphInput } from "./graph-schema";
import { edge, message, node, reengagementGraph } from "./testing/graph-fixtures";
import { validateGraphStructure } from "./validate-graph";

const SENDER = "5d1c7c0e-3b7a-4f0e-9d55-6b1f1f7a2c01";

function graph(input: WorkflowGraphInput): WorkflowGraph {
  const result = parseWorkflowGraph(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.graph;
}

function issuesOf(input: WorkflowGraphInput) {
  return validateGraphStructure(graph(input));
}

const start = (id = "start") => node(id, "start_conversation", { message: message("Hi"), senderUserId: SENDER });

describe("validateGraphStructure", () => {
  it("accepts the re-engagement example", () => {
    expect(issuesOf(reengagementGraph({ senderUserId: SENDER }))).toEqual([]);
  });

  it("asks for a trigger when there is none", () => {
    expect(issuesOf({ nodes: [start()], edges: [] })).toContainEqual({
      nodeId: null,
      message: "Add a trigger: every workflow starts with Audience Matched, Session Started or Manual.",
    });
  });

  it("refuses a second trigger, on that trigger", () => {
    const issues = issuesOf({ nodes: [node("t1", "manual"), node("t2", "manual"), start()], edges: [edge("t1", "start"), edge("t2", "start")] });
    expect(issues).toContainEqual({ nodeId: "t2", message: "A workflow has exactly one trigger. Remove this one or the other." });
  });

  it("refuses a connection into a trigger", () => {
    const issues = issuesOf({ nodes: [node("t", "manual"), start()], edges: [edge("t", "start"), edge("start", "t")] });
    expect(issues).toContainEqual({ nodeId: "t", message: "Nothing can lead into a trigger: a trigger is where the workflow starts." });
  });

  it("flags a step nothing leads into, and one only reachable from a disconnected island", () => {
    const issues = issuesOf({
      nodes: [node("t", "manual"), start(), node("w", "wait"), node("orphan", "wait"), node("island", "close_conversation")],
      edges: [edge("t", "start"), edge("start", "w"), edge("orphan", "island")],
    });
    expect(issues).toContainEqual({ nodeId: "orphan", message: "Nothing leads into this step. Connect it to the step before it." });
    expect(issues).toContainEqual({ nodeId: "island", message: "This step is not connected to the trigger, so no run would reach it." });
  });

  it("asks to connect the trigger", () => {
    expect(issuesOf({ nodes: [node("t", "manual")], edges: [] })).toContainEqual({ nodeId: "t", message: "Connect the trigger to the first step." });
  });

  it("finds loops and names each step in them", () => {
    const issues = issuesOf({
      nodes: [node("t", "manual"), start(), node("a", "wait"), node("b", "wait")],
      edges: [edge("t", "start"), edge("start", "a"), edge("a", "b"), edge("b", "a")],
    });
    const loopIds = issues.filter((issue) => issue.message.includes("loop")).map((issue) => issue.nodeId).sort();
    expect(loopIds).toEqual(["a", "b"]);
  });

  it("refuses a step connected to itself", () => {
    const issues = issuesOf({ nodes: [node("t", "manual"), node("w", "wait")], edges: [edge("t", "w"), edge("w", "w")] });
    expect(issues.some((issue) => issue.nodeId === "w" && issue.message.includes("connected to itself"))).toBe(true);
  });

  it("requires a named output on Branch and rejects unknown handles", () => {
    const base = reengagementGraph({ senderUserId: SENDER });
    const unnamed = issuesOf({ ...base, edges: [...base.edges.slice(0, 2), edge("branch", "assign", null)] });
    expect(unnamed).toContainEqual({ nodeId: "branch", message: "Connect from “Started” or “Not started”." });
    const unknown = issuesOf({ ...base, edges: [...base.edges.slice(0, 2), edge("branch", "assign", "maybe")] });
    expect(unknown[0]!.message).toMatch(/no output named “maybe”/);
  });

  it("refuses one output leading to two steps", () => {
    const issues = issuesOf({
      nodes: [node("t", "manual"), start(), node("a", "wait"), node("b", "wait")],
      edges: [edge("t", "start"), edge("start", "a"), edge("start", "b")],
    });
    expect(issues.some((issue) => issue.nodeId === "start" && issue.message.includes("more than one step"))).toBe(true);
  });

  it("requires Branch to lead somewhere", () => {
    const issues = issuesOf({
      nodes: [node("t", "manual"), start(), node("branch", "branch_conversation_started")],
      edges: [edge("t", "start"), edge("start", "branch")],
    });
    expect(issues).toContainEqual({ nodeId: "branch", message: "Connect “Started” or “Not started” (or both) to a next step." });
  });

  it("requires a Start a Conversation upstream of steps that act on the conversation, on every path", () => {
    const none = issuesOf({ nodes: [node("t", "manual"), node("c", "close_conversation")], edges: [edge("t", "c")] });
    expect(none[0]).toMatchObject({ nodeId: "c", message: expect.stringMatching(/Add a Start a Conversation step before this one/) });

    // Both of Branch's outputs merge into one step: every path to it still carries the conversation.
    const merged = issuesOf({
      nodes: [node("t", "manual"), start(), node("b", "branch_conversation_started"), node("w", "wait"), node("n", "add_note", { message: message("x") })],
      edges: [edge("t", "start"), edge("start", "b"), edge("b", "n", "started"), edge("b", "w", "not_started"), edge("w", "n")],
    });
    expect(merged).toEqual([]);
  });

  it("asks for the message and the sender", () => {
    const issues = issuesOf({ nodes: [node("t", "manual"), node("s", "start_conversation")], edges: [edge("t", "s")] });
    expect(issues).toContainEqual({ nodeId: "s", field: "message", message: "Write the message." });
    expect(issues).toContainEqual({ nodeId: "s", field: "senderUserId", message: "Choose a sender." });
  });

  it("asks for no sender where none is shown: From Contact starting with a message", () => {
    const fromContact = (startWith: string) => ({
      nodes: [node("t", "manual"), node("s", "start_conversation", { direction: "from_contact", startWith, message: message("Hi") })],
      edges: [edge("t", "s")],
    });
    expect(issuesOf(fromContact("message"))).toEqual([]);
    // A note is written by its sender, whichever the direction.
    expect(issuesOf(fromContact("note"))).toContainEqual({ nodeId: "s", field: "senderUserId", message: "Choose a sender." });
  });

  it("refuses {{session.id}} without a fallback outside Session Started", () => {
    const withSession = node("s", "start_conversation", { message: message("Hi {{session.id}}"), senderUserId: SENDER });
    expect(issuesOf({ nodes: [node("t", "manual"), withSession], edges: [edge("t", "s")] })[0]).toMatchObject({ nodeId: "s", field: "message" });
    expect(issuesOf({ nodes: [node("t", "session_started"), withSession], edges: [edge("t", "s")] })).toEqual([]);
    const withFallback = node("s", "start_conversation", { message: message('Hi {{session.id | fallback: "x"}}'), senderUserId: SENDER });
    expect(issuesOf({ nodes: [node("t", "manual"), withFallback], edges: [edge("t", "s")] })).toEqual([]);
  });

  it("asks for comparison values in audience conditions", () => {
    const trigger = node("t", "audience_matched", {
      filter: { attributes: [{ key: "plan", op: "eq" }, { key: "seats", op: "gt", value: "many" }, { key: "vip", op: "exists" }] },
    });
    const issues = issuesOf({ nodes: [trigger, start()], edges: [edge("t", "start")] });
    expect(issues).toEqual([
      { nodeId: "t", field: "filter.attributes.0.value", message: "Enter a value to compare “plan” with." },
      { nodeId: "t", field: "filter.attributes.1.value", message: "“seats” can only be compared as greater or less than a number." },
    ]);
  });

  it("reports connections to steps that no longer exist", () => {
    const issues = issuesOf({ nodes: [node("t", "manual"), start()], edges: [edge("t", "start"), edge("start", "gone")] });
    expect(issues).toContainEqual({ nodeId: "start", message: "A connection leads to a step that no longer exists. Delete that connection." });
  });
});
