import type { Executor } from "../../engine/executor-types";

/** A trigger only lets its runs in: the run itself (its entry, its context) is the trigger's record. */
export const sessionStartedExecutor: Executor<"session_started"> = async ({ runs }) => runs.map(() => ({ kind: "next", port: "out" }));
