import { afterEach, describe, expect, it, vi } from "vitest";
import { graphNodeSchema, parseWorkflowGraph } from "./graph-schema";
import { definitionOf, findTrigger, NODE_TYPES, TRIGGER_TYPES } from "./node-types";
import { nodeDefinitions } from "./registry";
import { edge, message, node } from "./testing/graph-fixtures";
import { validateGraphInWorkspace } from "./validate-graph-in-workspace";
import { validateGraphStructure } from "./validate-graph";
import type { ValidationContext } from "./validation-context";

const SENDER = "5d1c7c0e-3b7a-4f0e-9d55-6b1f1f7a2c01";
const CHAT = "8a4fa03b-6eac-4c3b-a088-9e4c4cad5f04";
const context: ValidationContext = {
  plan: "enterprise",
  memberUserIds: new Set([SENDER]),
  teamIds: new Set(),
  roundRobinTeamIds: new Set(),
  channels: new Map([[CHAT, { kind: "chat", isDefault: true }]]),
  customAttributeKeys: [],
};

/** A graph with this trigger and one node of every registered action, in a line. */
function everyNodeGraph(trigger: (typeof NODE_TYPES)[number]) {
  const actions = NODE_TYPES.filter((type) => definitionOf(type).category === "action");
  const nodes = [node(trigger, trigger), ...actions.map((type) => node(type, type, type === "start_conversation" ? { message: message("Hi"), senderUserId: SENDER } : {}))];
  const chain = [trigger, ...actions];
  const edges = chain.slice(1).map((type, i) => edge(chain[i]!, type, definitionOf(chain[i]!).outputs[0]!.id));
  return { nodes, edges };
}

afterEach(() => vi.restoreAllMocks());

describe("validation read from the registry", () => {
  it("reaches every registered node's own rules, with that node's config", () => {
    const spies = NODE_TYPES.flatMap((type) => {
      const definition = definitionOf(type);
      return [
        ...(definition.validate ? [{ type, rule: "validate", spy: vi.spyOn(definition, "validate") }] : []),
        ...(definition.validateInWorkspace ? [{ type, rule: "validateInWorkspace", spy: vi.spyOn(definition, "validateInWorkspace") }] : []),
      ];
    });
    expect(spies.length).toBeGreaterThan(5);
    for (const trigger of TRIGGER_TYPES) {
      const parsed = parseWorkflowGraph(everyNodeGraph(trigger));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      validateGraphInWorkspace(parsed.graph, context);
      for (const { type, rule, spy } of spies) {
        const inGraph = parsed.graph.nodes.find((candidate) => candidate.type === type);
        if (inGraph) expect(spy, `${type}.${rule}`).toHaveBeenCalledWith(inGraph.config, expect.anything());
      }
    }
    for (const { type, rule, spy } of spies) expect(spy, `${type}.${rule}`).toHaveBeenCalled();
  });

  it("pins a node's own issues on that node", () => {
    const definition = definitionOf("wait");
    vi.spyOn(definition, "validate").mockReturnValue([{ field: "duration", message: "Not today." }]);
    const parsed = parseWorkflowGraph({ nodes: [node("t", "manual"), node("w", "wait")], edges: [edge("t", "w")] });
    if (!parsed.ok) throw new Error("not parsed");
    expect(validateGraphStructure(parsed.graph)).toEqual([{ nodeId: "w", field: "duration", message: "Not today." }]);
  });

  it("refuses a node type the registry does not have, with a schema built from the registry", () => {
    for (const type of NODE_TYPES) expect(graphNodeSchema.safeParse({ id: "n", type }).success, type).toBe(true);
    expect(graphNodeSchema.safeParse({ id: "n", type: "teleport" }).success).toBe(false);
    expect(parseWorkflowGraph({ nodes: [node("x", "teleport" as never)], edges: [] })).toEqual({
      ok: false,
      issues: [{ nodeId: "x", message: "“teleport” is not a kind of step Parley knows." }],
    });
  });

  it("derives the type lists, the trigger and the trigger names from the registry", () => {
    expect(NODE_TYPES).toEqual(Object.keys(nodeDefinitions));
    expect(TRIGGER_TYPES).toEqual(NODE_TYPES.filter((type) => nodeDefinitions[type].category === "trigger"));
    expect(findTrigger({ nodes: [{ type: "wait" }, { type: "session_started" }, { type: "manual" }] })).toEqual({ type: "session_started" });
    const labels = TRIGGER_TYPES.map((type) => definitionOf(type).label);
    const issue = validateGraphStructure({ nodes: [], edges: [] })[0]!;
    expect(issue.message).toBe(`Add a trigger: every workflow starts with ${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}.`);
  });
});
