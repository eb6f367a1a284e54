import type { Executor } from "@/lib/workflow/engine/executor-types";
import { ports, type ManualConfig } from "./definition";

/** A trigger only lets its runs in: the run itself (its entry, its context) is the trigger's record. */
export const executor: Executor<ManualConfig> = async ({ runs }) => runs.map(() => ({ kind: "next", port: ports.next.id }));
