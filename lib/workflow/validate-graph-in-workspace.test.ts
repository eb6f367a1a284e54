import { describe, expect, it } from "vitest";
import { parseWorkflowGraph, type WorkflowGraphInput } from "./graph-schema";
import { edge, message, node, reengagementGraph } from "./testing/graph-fixtures";
import { validateGraphInWorkspace } from "./validate-graph-in-workspace";
import type { ValidationContext } from "./validation-context";

const SENDER = "5d1c7c0e-3b7a-4f0e-9d55-6b1f1f7a2c01";
const STRANGER = "6e2d8d1f-4c8b-4a1f-8e66-7c2a2a8b3d02";
const TEAM = "7f3e9e2a-5d9c-4b2a-9f77-8d3b3b9c4e03";
const CHAT = "8a4fa03b-6eac-4c3b-a088-9e4c4cad5f04";
const SMS = "9b5ab14c-7fbd-4d4c-b199-af5d5dbe6a05";
const EMAIL = "ac6bc25d-80ce-4e5d-8caa-b06e6ecf7b06";

function context(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return {
    plan: "enterprise",
    memberUserIds: new Set([SENDER]),
    teamIds: new Set([TEAM]),
    roundRobinTeamIds: new Set([TEAM]),
    channels: new Map([
      [CHAT, { kind: "chat", isDefault: true }],
      [SMS, { kind: "sms", isDefault: true }],
      [EMAIL, { kind: "email", isDefault: true }],
    ]),
    customAttributeKeys: ["plan"],
    ...overrides,
  };
}

function validate(input: WorkflowGraphInput, ctx = context()) {
  const parsed = parseWorkflowGraph(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return validateGraphInWorkspace(parsed.graph, ctx);
}

function startGraph(config: Record<string, unknown>): WorkflowGraphInput {
  return {
    nodes: [node("t", "manual"), node("s", "start_conversation", { message: message("Hi"), senderUserId: SENDER, ...config })],
    edges: [edge("t", "s")],
  };
}

describe("validateGraphInWorkspace", () => {
  it("accepts the re-engagement example assigned to a team of the workspace", () => {
    expect(validate(reengagementGraph({ senderUserId: SENDER, assignTeamId: TEAM }))).toEqual([]);
  });

  it("refuses a sender, an assignee or a team from elsewhere", () => {
    expect(validate(startGraph({ senderUserId: STRANGER }))).toEqual([
      { nodeId: "s", field: "senderUserId", message: "The sender is not a member of this workspace. Choose another agent." },
    ]);
    expect(validate(startGraph({ assignee: { type: "user", userId: STRANGER } }))[0]).toMatchObject({ field: "assignee" });
    expect(validate(reengagementGraph({ senderUserId: SENDER, assignTeamId: STRANGER }))[0]).toMatchObject({ nodeId: "assign", field: "assignee" });
  });

  it("offers \"Team (round robin)\" only for a team with automatic assignment on (Assignee on open, Assign)", () => {
    const roundRobin = { type: "round_robin" as const, teamId: TEAM };
    expect(validate(startGraph({ assignee: roundRobin }))).toEqual([]);
    const off = context({ roundRobinTeamIds: new Set() });
    expect(validate(startGraph({ assignee: roundRobin }), off)).toEqual([
      { nodeId: "s", field: "assignee", message: "That team does not assign automatically. Turn on automatic assignment in its settings, or choose the team itself." },
    ]);
    // The team itself stays a choice with round robin off.
    expect(validate(startGraph({ assignee: { type: "team", teamId: TEAM } }), off)).toEqual([]);
  });

  it("refuses unknown variables and accepts custom attribute keys", () => {
    expect(validate(startGraph({ message: message("Your {{plan}} plan") }))).toEqual([]);
    expect(validate(startGraph({ message: message("Hi {{nickname}}") }))).toEqual([
      { nodeId: "s", field: "message", message: "{{nickname}} is neither a built-in variable nor an attribute any contact in this workspace has." },
    ]);
  });

  it("refuses third-party fields on the free plan with enterprise_required", () => {
    const issues = validate(startGraph({ channelId: SMS, customerDestination: "{{phone}}", customerIdentifier: "crm-{{email}}" }), context({ plan: "free" }));
    expect(issues.map((issue) => [issue.field, issue.code])).toEqual([
      ["channelId", "enterprise_required"],
      ["customerDestination", "enterprise_required"],
      ["customerIdentifier", "enterprise_required"],
    ]);
    // The default chat channel chosen explicitly, and the 3rd-party checkbox, are fine on free.
    expect(validate(startGraph({ channelId: CHAT, createInThirdParty: true }), context({ plan: "free" }))).toEqual([]);
  });

  it("validates the customer destination by channel kind", () => {
    expect(validate(startGraph({ channelId: SMS, customerDestination: "+14155552671" }))).toEqual([]);
    expect(validate(startGraph({ channelId: SMS, customerDestination: "0207 183 8750" }))[0]).toMatchObject({ field: "customerDestination" });
    expect(validate(startGraph({ channelId: CHAT, customerDestination: "+14155552671" }))[0]).toMatchObject({ field: "customerDestination" });
    expect(validate(startGraph({ channelId: CHAT, customerDestination: "8a4fa03b-6eac-4c3b-a088-9e4c4cad5f04" }))).toEqual([]);
    expect(validate(startGraph({ channelId: SMS, customerDestination: "+1{{phone}}" }))[0]!.message).toMatch(/single variable/);
  });

  it("refuses a channel of another workspace and a workspace without a default chat channel", () => {
    expect(validate(startGraph({ channelId: STRANGER }))[0]).toMatchObject({ field: "channelId", message: expect.stringMatching(/doesn't exist/) });
    expect(validate(startGraph({}), context({ channels: new Map() }))[0]).toMatchObject({ field: "channelId", message: expect.stringMatching(/no default chat channel/) });
  });

  it("refuses a Session Started trigger on an SMS channel", () => {
    const issues = validate({
      nodes: [node("t", "session_started", { channelId: SMS }), node("s", "start_conversation", { message: message("Hi"), senderUserId: SENDER })],
      edges: [edge("t", "s")],
    });
    expect(issues[0]).toMatchObject({ nodeId: "t", field: "channelId" });
  });

  it("on an email channel: the destination is an email address or one variable, and an email to send needs its Subject", () => {
    expect(validate(startGraph({ channelId: EMAIL, subject: "Checking in, {{first_name}}" }))).toEqual([]);
    expect(validate(startGraph({ channelId: EMAIL, subject: "Hi", customerDestination: "ada@example.com" }))).toEqual([]);
    expect(validate(startGraph({ channelId: EMAIL, subject: "Hi", customerDestination: "not an address" }))[0]).toMatchObject({ field: "customerDestination" });
    expect(validate(startGraph({ channelId: EMAIL }))).toMatchObject([{ field: "subject", message: "Write the email's subject." }]);
    // A note sends nothing, so it needs no subject; a chat channel never has one.
    expect(validate(startGraph({ channelId: EMAIL, startWith: "note" }))).toEqual([]);
    expect(validate(startGraph({ channelId: CHAT }))).toEqual([]);
  });
});
