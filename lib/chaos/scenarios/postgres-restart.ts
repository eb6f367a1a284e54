import { databaseFaultScenario } from "@/lib/chaos/database-fault";

export const scenario = databaseFaultScenario({
  name: "postgres-restart",
  description:
    "PostgreSQL is restarted (fast shutdown, then start) mid fan-out, mid webhook drain, with a live stream open: the web pool, the worker and the LISTEN connection reconnect by themselves; nothing is lost or done twice.",
  cause: async (db, log, whileDown) => {
    const stopped = Date.now();
    await db.postgres.stop();
    log("PostgreSQL stopped (fast shutdown: every connection cut, transactions in flight rolled back)");
    await whileDown();
    await db.postgres.start();
    log(`PostgreSQL started again on the same port after ${((Date.now() - stopped) / 1000).toFixed(1)} s down`);
  },
});
