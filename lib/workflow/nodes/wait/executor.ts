import { durationSeconds } from "../../duration";
import type { Executor } from "../../engine/executor-types";

export const waitExecutor: Executor<"wait"> = async ({ node, runs }) => {
  const seconds = durationSeconds(node.config.duration);
  return runs.map(() => ({ kind: "wait", waitFor: "timer", seconds }));
};
