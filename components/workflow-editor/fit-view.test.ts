import { describe, expect, it } from "vitest";
import { fitPadding } from "./fit-view";

const canvas = { left: 480, right: 1440, width: 960, height: 800 };

describe("fitPadding", () => {
  it("keeps an even margin when the panel sits beside the canvas", () => {
    expect(fitPadding(canvas, { left: 1440, right: 1824, width: 384, height: 800 })).toEqual({ top: "67px", bottom: "67px", left: "80px", right: "80px" });
    expect(fitPadding(canvas, null)).toEqual({ top: "67px", bottom: "67px", left: "80px", right: "80px" });
  });

  it("frames the steps left of a panel that covers the canvas's right side", () => {
    const padding = fitPadding(canvas, { left: 1056, right: 1440, width: 384, height: 800 });
    // 576 px stay uncovered: the margin is taken from them, and the panel's 384 px are kept clear.
    expect(padding).toEqual({ top: "67px", bottom: "67px", left: "48px", right: `${384 + 48}px` });
  });

  it("ignores a panel that would leave almost nothing of the canvas (a phone)", () => {
    const phone = { left: 0, right: 390, width: 390, height: 700 };
    expect(fitPadding(phone, { left: 6, right: 390, width: 384, height: 700 })).toEqual({ top: "58px", bottom: "58px", left: "33px", right: "33px" });
  });
});
