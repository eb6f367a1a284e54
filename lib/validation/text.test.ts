import { describe, expect, it } from "vitest";
import { SafeError } from "@/lib/errors";
import { assertAcceptableText, decodeUtf8, findTextProblem, textProblem } from "./text";

describe("the text rule", () => {
  it("refuses NUL and unpaired surrogates, wherever they are", () => {
    expect(textProblem("nul\u0000byte")).toBe("nul");
    expect(textProblem("a\ud800b")).toBe("lone_surrogate");
    expect(textProblem("\udc00 leading low")).toBe("lone_surrogate");
    expect(textProblem("trailing high \udbff")).toBe("lone_surrogate");
    expect(textProblem("\udc00\ud800")).toBe("lone_surrogate");
  });

  it("accepts every other text as it is: emoji pairs, joiners, bidi marks, controls other than NUL", () => {
    for (const text of ["👩🏽‍💻 e\u0301", "\u200b\u200d\u202e\u2066", "\u0001\t\r\n\u007f", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "  spaced  ", ""]) {
      expect(textProblem(text), JSON.stringify(text)).toBeNull();
    }
  });

  it("looks into arrays, objects and their keys, naming the path", () => {
    expect(findTextProblem({ a: [{ ok: "x" }, { bad: "y\u0000" }] })).toEqual({ path: ["a", 1, "bad"], problem: "nul" });
    expect(findTextProblem({ attributes: { ["k\ud800"]: 1 } })).toEqual({ path: ["attributes", "k\ud800"], problem: "lone_surrogate" });
    expect(findTextProblem({ n: 1, b: true, z: null })).toBeNull();
  });

  it("refuses with the invalid_text code (400) and the field's path", () => {
    const error = (() => {
      try {
        assertAcceptableText({ message: "nul\u0000byte" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SafeError);
    expect(error).toMatchObject({ code: "invalid_text", status: 400, details: { path: "message", problem: "nul" } });
  });

  it("decodes UTF-8 byte-exact and refuses bytes that are not UTF-8 instead of replacing them", () => {
    expect(decodeUtf8(new TextEncoder().encode("héllo 👋"))).toBe("héllo 👋");
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe("\ufeffA");
    expect(() => decodeUtf8(new Uint8Array([0x61, 0xff, 0x62]))).toThrow(SafeError);
    expect(() => decodeUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(/not valid UTF-8/);
  });
});

describe("a form body, by the same rule", async () => {
  const { parseFormBody } = await import("./form-body");

  it("decodes like URLSearchParams where the text is acceptable", () => {
    const raw = "From=%2B14155550123&Body=Caf%C3%A9+%F0%9F%91%8B+a%26b%3Dc&Empty=&Flag&To=+1";
    expect([...parseFormBody(raw)]).toEqual([...new URLSearchParams(raw)]);
  });

  it("refuses escaped bytes that are not UTF-8, NUL and escaped surrogates instead of replacing them", () => {
    for (const raw of ["Body=a%FFb", "Body=%ED%A0%80", "Body=nul%00byte", "Bo%00dy=x", "Body=%C3"]) {
      expect(() => parseFormBody(raw), raw).toThrow(SafeError);
    }
  });
});
