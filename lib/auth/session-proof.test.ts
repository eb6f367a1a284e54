import { describe, expect, it } from "vitest";
import { createSessionProof, verifySessionProof } from "./session-proof";

const USER = "0a0c0e00-0000-4000-8000-0000000000e1";

describe("session proofs", () => {
  it("prove one account's one session version, for a few minutes", () => {
    const now = Date.UTC(2030, 0, 1);
    const proof = createSessionProof(USER, 3, now);
    expect(verifySessionProof(proof, USER, 3, now)).toBe(true);
    expect(verifySessionProof(proof, USER, 3, now + 4 * 60_000)).toBe(true);
    expect(verifySessionProof(proof, USER, 3, now + 6 * 60_000)).toBe(false);
    expect(verifySessionProof(proof, USER, 4, now)).toBe(false);
    expect(verifySessionProof(proof, "0a0c0e00-0000-4000-8000-0000000000e2", 3, now)).toBe(false);
  });

  it("refuse anything forged or malformed", () => {
    const now = Date.UTC(2030, 0, 1);
    const [expires, mac] = createSessionProof(USER, 1, now).split(".");
    expect(verifySessionProof(`${Number(expires) + 3600}.${mac}`, USER, 1, now)).toBe(false);
    for (const bad of [undefined, null, 1, "", ".", "abc", `${expires}.`, `${expires}.${mac}x`]) expect(verifySessionProof(bad, USER, 1, now)).toBe(false);
  });
});
