import { describe, expect, it } from "vitest";
import { availableEvents, canTransition, CONVERSATION_TRANSITIONS, nextState } from "./conversation-state-machine";

describe("conversation state machine", () => {
  it("opens a campaign on reply or immediately, and nothing else opens", () => {
    expect(nextState("campaign", "open")).toBe("open");
    for (const state of ["open", "snoozed", "closed"] as const) expect(canTransition(state, "open")).toBe(false);
  });

  it("snoozes only open conversations and wakes only snoozed ones", () => {
    expect(nextState("open", "snooze")).toBe("snoozed");
    expect(canTransition("campaign", "snooze")).toBe(false);
    expect(canTransition("closed", "snooze")).toBe(false);
    expect(nextState("snoozed", "wake")).toBe("open");
    expect(canTransition("open", "wake")).toBe(false);
  });

  it("closes from any live state, reopens only what is closed", () => {
    for (const state of ["campaign", "open", "snoozed"] as const) expect(nextState(state, "close")).toBe("closed");
    expect(canTransition("closed", "close")).toBe(false);
    expect(nextState("closed", "reopen")).toBe("open");
    expect(canTransition("open", "reopen")).toBe(false);
  });

  it("refuses an impossible transition with a SafeError the inbox can show", () => {
    expect(() => nextState("closed", "snooze")).toThrowError(expect.objectContaining({ code: "invalid_transition", message: "A closed conversation can't be snoozed." }));
  });

  it("never leads back into campaign: once opened, a conversation stays in the inbox's states", () => {
    for (const transition of Object.values(CONVERSATION_TRANSITIONS)) expect(transition.to).not.toBe("campaign");
    expect(availableEvents("open").sort()).toEqual(["close", "snooze"]);
    expect(availableEvents("campaign").sort()).toEqual(["close", "open"]);
  });
});
