import type { ServiceContext } from "../../services/service-context";
import type { GraphNodeOf } from "../graph-schema";
import type { NodeType } from "../node-types";
import type { RunContext } from "./run-context";

export type RunState = { id: string; contactId: string; context: RunContext; isTest: boolean };

export type StepOutcome =
  /** Done here: leave by this output (and remember what later steps need). */
  | {
      kind: "next";
      port: string;
      detail?: Record<string, unknown>;
      context?: Partial<RunContext>;
      /**
       * The step's own row is its record in the run's log, so no run_steps row is written: a
       * conversation with this run and node (the run_step_log view reads it as the step).
       */
      recordedBy?: "conversation";
    }
  /** Wait for the conversation to open or for time to pass, at most `seconds`. */
  | { kind: "wait"; waitFor: "conversation_started" | "timer"; seconds: number; conversationId?: string }
  /** This contact's run stops here with a message a builder can act on; other runs go on. */
  | { kind: "fail"; error: string; detail?: Record<string, unknown> };

export type ExecutorInput<T extends NodeType> = {
  /** The batch's transaction and workspace; the actor is Parley itself (system). */
  ctx: ServiceContext;
  workflowId: string;
  versionId: string;
  node: GraphNodeOf<T>;
  /** Every run at this node in this batch: executors work set-based, a few statements per batch. */
  runs: readonly RunState[];
  /**
   * The runs are being entered in this very transaction (a fan-out batch): nothing they own can
   * exist yet, so their writes need no ON CONFLICT, whose speculative insertion costs extra per row.
   */
  newRuns: boolean;
};

/** Returns one outcome per run, in the order of `runs`. Throwing fails the whole batch (and the job retries). */
export type Executor<T extends NodeType> = (input: ExecutorInput<T>) => Promise<StepOutcome[]>;

export function failAll(runs: readonly RunState[], error: string): StepOutcome[] {
  return runs.map(() => ({ kind: "fail", error }));
}

export const NO_CONVERSATION = "There is no conversation to act on: the Start a Conversation step before this one did not run for this contact.";
