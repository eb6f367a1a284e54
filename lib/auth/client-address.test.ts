import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("takes the hop the nearest proxy appended, not what the caller wrote before it", () => {
    expect(clientAddress("1.1.1.1, 2.2.2.2, 203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddress(["9.9.9.9", "203.0.113.9"])).toBe("203.0.113.9");
    expect(clientAddress(" 203.0.113.9 ")).toBe("203.0.113.9");
  });

  it("is one shared 'local' without a proxy", () => {
    expect(clientAddress(undefined)).toBe("local");
    expect(clientAddress(" , ")).toBe("local");
  });
});
