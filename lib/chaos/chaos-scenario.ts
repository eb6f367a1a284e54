/**
 * One fault scenario of `npm run chaos` (scripts/chaos/run.ts). `run` sets up what it needs,
 * causes its fault, and checks the outcome: it prints each thing it did and checked through
 * `log`, and throws on the first check that fails. `short` is the few-seconds version `npm test` runs.
 */
export type ChaosScenario = {
  name: string;
  description: string;
  run: (options: { short: boolean; log: (line: string) => void }) => Promise<void>;
};
