import type { Executor } from "@/lib/workflow/engine/executor-types";
import { SPLIT_PATHS, type SplitConfig } from "./definition";
import { splitPathIndex } from "./split-output";

/** Each run leaves by its contact's path; the step log's outcome is that path (and its detail the share). */
export const executor: Executor<SplitConfig> = async ({ workflowId, node, runs }) => {
  const shares = node.config.shares;
  return runs.map((run) => {
    const index = splitPathIndex(workflowId, run.contactId, shares);
    return { kind: "next", port: SPLIT_PATHS[index]!.id, detail: { share: shares[index] } };
  });
};
