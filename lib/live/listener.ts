import "server-only";
import pg from "pg";
import { readEnv } from "@/lib/env";
import { componentLogger } from "@/lib/logging/logger";
import { LIVE_CHANNEL, liveEventSchema, type LiveSignal } from "./live-event";

const log = componentLogger("live");

type Subscriber = (signal: LiveSignal) => void;

/**
 * The events a subscriber hears: all of them, one workspace's, or one contact's (a contact's chat
 * page). The same scope as what a reconnect replays to its stream (lib/live/live-event-log.ts).
 */
export type SubscriptionScope = { workspaceId?: string; contactId?: string };

type ListenerState = {
  /** Subscribers by the one key their scope names ("w:" workspace, "c:" contact; "*" for all events); no empty set is kept. */
  byScope: Map<string, Set<Subscriber>>;
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
const globalForLive = globalThis as unknown as { parleyLiveHub?: ListenerState };

function state(): ListenerState {
  globalForLive.parleyLiveHub ??= {
    byScope: new Map(),
    client: null,
    connecting: null,
    retryTimer: null,
    retryDelayMs: MIN_RETRY_MS,
    everConnected: false,
    stopped: false,
  };
  return globalForLive.parleyLiveHub;
}

const ALL = "*";
const scopeKey = (scope: SubscriptionScope) => (scope.contactId ? `c:${scope.contactId}` : scope.workspaceId ? `w:${scope.workspaceId}` : ALL);

function tell(subscribers: Iterable<Subscriber> | undefined, signal: LiveSignal) {
  if (!subscribers) return;
  for (const subscriber of subscribers) {
    try {
      subscriber(signal);
    } catch (error) {
      log.error({ err: error }, "subscriber failed");
    }
  }
}

/**
 * An event goes only to the subscribers whose scope it is in: under load every chat page open on
 * the process would otherwise be handed every message of its workspace to drop (500 chat pages,
 * 200 messages a second: 100,000 calls a second, a seventh of the web process's CPU). A resync
 * goes to everyone.
 */
function broadcast(s: ListenerState, signal: LiveSignal) {
  if (signal.kind === "resync") {
    for (const scoped of s.byScope.values()) tell(scoped, signal);
    return;
  }
  const { event } = signal;
  tell(s.byScope.get(ALL), signal);
  tell(s.byScope.get(`w:${event.workspaceId}`), signal);
  if (event.contactId) tell(s.byScope.get(`c:${event.contactId}`), signal);
}

function scheduleReconnect(s: ListenerState) {
  if (s.stopped || s.retryTimer || s.byScope.size === 0) return;
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
 * Receives the live events of `scope` on this process (without one: every event of every
 * workspace), and every resync; callers still check what their reader may see. Returns the
 * unsubscribe function. Resolves once listening.
 */
export async function subscribeToLiveEvents(subscriber: Subscriber, scope: SubscriptionScope = {}): Promise<() => void> {
  const s = state();
  s.stopped = false;
  const key = scopeKey(scope);
  let scoped = s.byScope.get(key);
  if (!scoped) s.byScope.set(key, (scoped = new Set()));
  scoped.add(subscriber);
  await connect(s);
  return () => {
    scoped.delete(subscriber);
    if (scoped.size === 0 && s.byScope.get(key) === scoped) s.byScope.delete(key);
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
  s.byScope.clear();
  await client?.end().catch(() => {});
}

/** The backend pid of the LISTEN connection, for tests that cut it. */
export function liveListenerConnected(): boolean {
  return state().client !== null;
}
