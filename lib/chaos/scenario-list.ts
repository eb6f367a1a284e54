import type { ChaosScenario } from "./chaos-scenario";
import { scenario as workerSigkill } from "./scenarios/worker-sigkill";

/** Every scenario `npm run chaos` runs, in this order (`npm run chaos -- <name>…` picks some). */
export const CHAOS_SCENARIOS: ChaosScenario[] = [workerSigkill];
