import "server-only";
import pg from "pg";
import { readEnv } from "@/lib/env";
import { componentLogger } from "@/lib/logging/logger";
import { LIVE_CHANNEL, liveEventSchema, type LiveSignal } from "./live-event";

const log = componentLogger("live");

type Subscriber = (signal: LiveSignal) => void;

type ListenerState = {
  subscribers: Set<Subscriber>;
  client: pg.Client | null;
  connecting: Promise<void> | null;
  retryTimer: NodeJS.Timeout | null;
  retryDelayMs: number;
  everConnected: boolean;
  stopped: boolean;
};

const MIN_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

// One LISTEN connection per process, shared by every open event stream (and kept across dev reloads).
const globalForLive = globalThis as unknown as { parleyLiveListener?: ListenerState };

function state(): ListenerState {
  globalForLive.parleyLiveListener ??= {
    subscribers: new Set(),
    client: null,
    connecting: null,
    retryTimer: null,
    retryDelayMs: MIN_RETRY_MS,
    everConnected: false,
    stopped: false,
  };
  return globalForLive.parleyLiveListener;
}

function broadcast(s: ListenerState, signal: LiveSignal) {
  for (const subscriber of s.subscribers) {
    try {
      subscriber(signal);
    } catch (error) {
      log.error({ err: error }, "subscriber failed");
    }
  }
}

function scheduleReconnect(s: ListenerState) {
  if (s.stopped || s.retryTimer || s.subscribers.size === 0) return;
  const delay = s.retryDelayMs;
  s.retryDelayMs = Math.min(s.retryDelayMs * 2, MAX_RETRY_MS);
  s.retryTimer = setTimeout(() => {
    s.retryTimer = null;
    void connect(s);
  }, delay);
  s.retryTimer.unref?.();
}

function connect(s: ListenerState): Promise<void> {
  if (s.client || s.connecting) return s.connecting ?? Promise.resolve();
  const connectionString = readEnv().DATABASE_URL;
  if (!connectionString) return Promise.resolve();
  const client = new pg.Client({ connectionString, keepAlive: true });
  const lost = (reason: string) => {
    if (s.client !== client) return;
    log.warn({ reason }, "LISTEN connection lost; reconnecting");
    s.client = null;
    client.removeAllListeners("notification");
    void client.end().catch(() => {});
    scheduleReconnect(s);
  };
  client.on("error", (error) => lost(error.message));
  client.on("end", () => lost("closed"));
  client.on("notification", (message) => {
    if (message.channel !== LIVE_CHANNEL || !message.payload) return;
    let json: unknown;
    try {
      json = JSON.parse(message.payload);
    } catch {
      return;
    }
    const parsed = liveEventSchema.safeParse(json);
    if (parsed.success) broadcast(s, { kind: "event", event: parsed.data });
  });

  s.connecting = (async () => {
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      s.client = client;
      s.retryDelayMs = MIN_RETRY_MS;
      if (s.everConnected) broadcast(s, { kind: "resync" });
      s.everConnected = true;
    } catch (error) {
      log.warn({ err: error }, "could not LISTEN");
      void client.end().catch(() => {});
      scheduleReconnect(s);
    } finally {
      s.connecting = null;
    }
  })();
  return s.connecting;
}

/**
 * Receives every conversation event of every workspace on this process; callers filter to
 * what their reader may see. Returns the unsubscribe function. Resolves once listening.
 */
export async function subscribeToLiveEvents(subscriber: Subscriber): Promise<() => void> {
  const s = state();
  s.stopped = false;
  s.subscribers.add(subscriber);
  await connect(s);
  return () => {
    s.subscribers.delete(subscriber);
  };
}

/** Closes the shared connection (tests and shutdown). */
export async function stopLiveListener(): Promise<void> {
  const s = state();
  s.stopped = true;
  if (s.retryTimer) clearTimeout(s.retryTimer);
  s.retryTimer = null;
  await s.connecting?.catch(() => {});
  const client = s.client;
  s.client = null;
  s.everConnected = false;
  s.subscribers.clear();
  await client?.end().catch(() => {});
}

/** The backend pid of the LISTEN connection, for tests that cut it. */
export function liveListenerConnected(): boolean {
  return state().client !== null;
}
