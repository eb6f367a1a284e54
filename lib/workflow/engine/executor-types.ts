import type { ServiceContext } from "@/lib/services/service-context";
import type { RunContext } from "./run-context";

export type RunState = { id: string; contactId: string; context: RunContext; isTest: boolean };

/** How a wait ends; the waiting node's definition (waitEnds) says which output each one leaves by. */
export const WAIT_ENDS = { timeout: "timeout", conversationStarted: "conversation_started" } as const;
export type WaitEnd = (typeof WAIT_ENDS)[keyof typeof WAIT_ENDS];

/** What a run waits for (workflow_runs.wait_for). */
export const WAIT_FOR = {
  conversationStarted: "conversation_started",
  timer: "timer",
  /** Outside its send window: when the window opens the node runs again (it does not leave by an output). */
  sendWindow: "send_window",
} as const;
export type WaitFor = (typeof WAIT_FOR)[keyof typeof WAIT_FOR];

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
  | { kind: "wait"; waitFor: WaitFor; seconds: number; conversationId?: string }
  /**
   * The step does nothing for this contact, on purpose (they unsubscribed, their address bounces):
   * the step is logged as skipped with the reason. The run goes on by `port` (remembering
   * `context`), or, without one, ends there, completed.
   */
  | { kind: "skip"; reason: string; port?: string; context?: Partial<RunContext> }
  /** This contact's run stops here with a message a builder can act on; other runs go on. */
  | { kind: "fail"; error: string; detail?: Record<string, unknown> };

export type ExecutorInput<C> = {
  /** The batch's transaction and workspace; the actor is Parley itself (system). */
  ctx: ServiceContext;
  workflowId: string;
  versionId: string;
  node: { id: string; type: string; config: C };
  /** Every run at this node in this batch: executors work set-based, a few statements per batch. */
  runs: readonly RunState[];
  /**
   * The runs are being entered in this very transaction (a fan-out batch): nothing they own can
   * exist yet, so their writes need no ON CONFLICT, whose speculative insertion costs extra per row.
   */
  newRuns: boolean;
};

/**
 * What a node does, for a node whose config is C. Returns one outcome per run, in the order of
 * `runs`; throwing fails the whole batch (and the job retries). Declared through a method so that
 * every node's executor fits the engine's one map of them (parameters compared bivariantly).
 */
export type Executor<C> = { run(input: ExecutorInput<C>): Promise<StepOutcome[]> }["run"];

export function failAll(runs: readonly RunState[], error: string): StepOutcome[] {
  return runs.map(() => ({ kind: "fail", error }));
}

export const NO_CONVERSATION = "There is no conversation to act on: the Start a Conversation step before this one did not run for this contact.";
