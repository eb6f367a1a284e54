import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { staggeredInterval } from "@/lib/live/staggered-interval";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("staggeredInterval", () => {
  it("spreads intervals started together over the interval, each then running once per interval until stopped", () => {
    const runs: Record<string, number[]> = { early: [], late: [] };
    const stopEarly = staggeredInterval(() => runs.early!.push(Date.now()), 30_000, () => 0.1);
    const stopLate = staggeredInterval(() => runs.late!.push(Date.now()), 30_000, () => 0.9);
    const start = Date.now();
    vi.advanceTimersByTime(95_000);
    expect(runs.early!.map((at) => at - start)).toEqual([3_000, 33_000, 63_000, 93_000]);
    expect(runs.late!.map((at) => at - start)).toEqual([27_000, 57_000, 87_000]);
    stopEarly();
    vi.advanceTimersByTime(30_000);
    expect(runs.early).toHaveLength(4);
    expect(runs.late).toHaveLength(4);
    // Stopped before its first run: it never runs.
    stopLate();
    const never: number[] = [];
    staggeredInterval(() => never.push(1), 30_000, () => 0.5)();
    vi.advanceTimersByTime(120_000);
    expect(never).toEqual([]);
    expect(runs.late).toHaveLength(4);
  });
});
