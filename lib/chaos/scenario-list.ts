import type { ChaosScenario } from "./chaos-scenario";
import { scenario as connectionsTerminated } from "./scenarios/connections-terminated";
import { scenario as postgresRestart } from "./scenarios/postgres-restart";
import { scenario as scaleOut } from "./scenarios/scale-out";
import { scenario as webKill } from "./scenarios/web-kill";
import { scenario as workerSigkill } from "./scenarios/worker-sigkill";
import { scenario as workerSigterm } from "./scenarios/worker-sigterm";

/** Every scenario `npm run chaos` runs, in this order (`npm run chaos -- <name>…` picks some). */
export const CHAOS_SCENARIOS: ChaosScenario[] = [postgresRestart, connectionsTerminated, workerSigkill, workerSigterm, webKill, scaleOut];
