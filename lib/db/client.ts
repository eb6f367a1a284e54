import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { readEnv } from "@/lib/env";
import { componentLogger } from "@/lib/logging/logger";
import { watchPool } from "@/lib/metrics/process-metrics";
import * as accounts from "./schema/accounts";
import * as agentActivity from "./schema/agent-activity";
import * as attachments from "./schema/attachments";
import * as channels from "./schema/channels";
import * as contactAttributes from "./schema/contact-attributes";
import * as consent from "./schema/consent";
import * as contactImports from "./schema/contact-imports";
import * as contacts from "./schema/contacts";
import * as conversationReads from "./schema/conversation-reads";
import * as conversations from "./schema/conversations";
import * as email from "./schema/email";
import * as enums from "./schema/enums";
import * as files from "./schema/files";
import * as liveEvents from "./schema/live-events";
import * as mail from "./schema/mail";
import * as notifications from "./schema/notifications";
import * as outreach from "./schema/outreach";
import * as people from "./schema/people";
import * as platform from "./schema/platform";
import * as roundRobin from "./schema/round-robin";
import * as savedReplies from "./schema/saved-replies";
import * as sms from "./schema/sms";
import * as workflows from "./schema/workflows";
import * as workspaces from "./schema/workspaces";

// Every file under schema/ (what drizzle-kit reads); lib/db/__tests__/schema-declared.test.ts checks none is missing.
export const schema = { ...enums, ...files, ...accounts, ...mail, ...workspaces, ...people, ...contacts, ...contactAttributes, ...contactImports, ...channels, ...conversations, ...workflows, ...platform, ...sms, ...savedReplies, ...email, ...notifications, ...attachments, ...roundRobin, ...agentActivity, ...conversationReads, ...outreach, ...consent, ...liveEvents };

export type Database = NodePgDatabase<typeof schema>;
/** A transaction handle; functions that must join the caller's transaction take this. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Tx;

// Kept on globalThis so Next's dev reloads reuse one pool instead of leaking connections.
const globalForDb = globalThis as unknown as { parleyPool?: pg.Pool; parleyDb?: Database };

export function getPool(): pg.Pool {
  if (!globalForDb.parleyPool) {
    const env = readEnv();
    const connectionString = env.DATABASE_URL;
    if (!connectionString) {
      throw new Error("DATABASE_URL is not set: start Parley with `npm start`, which provides one.");
    }
    const pool = new pg.Pool({ connectionString, max: env.PARLEY_DB_POOL_MAX });
    // A server restart or a terminated backend makes a client emit "error": the pool handles its
    // idle ones; a checked-out client (in a transaction awaiting other work) needs its own listener,
    // or the unhandled event kills the process. Either way the pool connects afresh next time.
    // The reason only: the error carries the whole client object, which would flood the log.
    const lost = (err: Error & { code?: string }) => ({ reason: err.message, code: err.code });
    pool.on("error", (err) => componentLogger("db").warn(lost(err), "idle database client error"));
    pool.on("connect", (client) => client.on("error", (err) => componentLogger("db").warn(lost(err), "database client error")));
    watchPool("app", pool);
    globalForDb.parleyPool = pool;
  }
  return globalForDb.parleyPool;
}

export function getDb(): Database {
  globalForDb.parleyDb ??= drizzle(getPool(), { schema });
  return globalForDb.parleyDb;
}

export async function closeDb(): Promise<void> {
  const pool = globalForDb.parleyPool;
  globalForDb.parleyPool = undefined;
  globalForDb.parleyDb = undefined;
  await pool?.end();
}
