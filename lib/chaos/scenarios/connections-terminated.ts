import { databaseFaultScenario, terminateApplicationConnections } from "@/lib/chaos/database-fault";

export const scenario = databaseFaultScenario({
  name: "connections-terminated",
  description:
    "Every application connection is terminated with pg_terminate_backend mid fan-out, mid webhook drain, with a live stream open: every process reconnects by itself; nothing is lost or done twice.",
  cause: async (db, log) => {
    const terminated = await terminateApplicationConnections(db);
    log(`terminated ${terminated} application connections (web pool, LISTEN, worker pool, liveness) with pg_terminate_backend`);
    if (terminated === 0) throw new Error("no connection was terminated: nothing was tested");
  },
});
