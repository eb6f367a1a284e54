import { durationSeconds } from "@/lib/workflow/duration";
import { WAIT_FOR, type Executor } from "@/lib/workflow/engine/executor-types";
import type { WaitConfig } from "./definition";

/** Every run waits; the deadline leaves by Next (the definition's waitEnds). */
export const executor: Executor<WaitConfig> = async ({ node, runs }) => {
  const seconds = durationSeconds(node.config.duration);
  return runs.map(() => ({ kind: "wait", waitFor: WAIT_FOR.timer, seconds }));
};
