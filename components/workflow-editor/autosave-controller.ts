export type SaveResult = { ok: true; revision: number } | { ok: false; code: string; error: string };

export type AutosaveStatus =
  | { state: "saved" }
  | { state: "pending" }
  | { state: "saving" }
  | { state: "conflict"; message: string }
  | { state: "error"; message: string };

export const DRAFT_CONFLICT = "draft_conflict";

type Options<G> = {
  revision: number;
  /** The graph as it is now; serialized to skip saves that would change nothing. */
  read: () => G;
  save: (graph: G, expectedRevision: number) => Promise<SaveResult>;
  onStatus: (status: AutosaveStatus) => void;
  onSaved?: (revision: number, graph: G) => void;
  debounceMs?: number;
  retryMs?: number;
  timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
};

/**
 * Debounced draft saving with optimistic concurrency: every save names the revision it was based
 * on, and a save from a stale tab comes back as a conflict. After a conflict nothing more is saved
 * until the page reloads, so the other tab's edits are never overwritten silently.
 */
export class AutosaveController<G> {
  private revision: number;
  private lastSaved: string;
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private changedWhileSaving = false;
  private stopped = false;
  private status: AutosaveStatus = { state: "saved" };
  private readonly options: Required<Omit<Options<G>, "onSaved">> & Pick<Options<G>, "onSaved">;

  constructor(options: Options<G>) {
    this.options = {
      debounceMs: 800,
      retryMs: 5_000,
      timers: { set: (fn, ms) => setTimeout(fn, ms), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
      ...options,
    };
    this.revision = options.revision;
    this.lastSaved = JSON.stringify(options.read());
  }

  get currentRevision(): number {
    return this.revision;
  }

  get currentStatus(): AutosaveStatus {
    return this.status;
  }

  /** True while some edit has not reached the server. */
  get hasUnsavedChanges(): boolean {
    return this.status.state !== "saved" || this.inFlight !== null;
  }

  private setStatus(status: AutosaveStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }

  private schedule(ms: number): void {
    if (this.timer !== null) this.options.timers.clear(this.timer);
    this.timer = this.options.timers.set(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  notifyChange(): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.changedWhileSaving = true;
      return;
    }
    if (this.status.state !== "pending") this.setStatus({ state: "pending" });
    this.schedule(this.options.debounceMs);
  }

  /** Saves now (before publishing or a test run), waiting for any save already under way. */
  async flush(): Promise<boolean> {
    if (this.stopped) return false;
    if (this.timer !== null) {
      this.options.timers.clear(this.timer);
      this.timer = null;
    }
    if (this.inFlight) {
      this.changedWhileSaving = true;
      await this.inFlight;
      return this.stopped ? false : this.flush();
    }
    const graph = this.options.read();
    const serialized = JSON.stringify(graph);
    if (serialized === this.lastSaved) {
      if (this.status.state !== "saved") this.setStatus({ state: "saved" });
      return true;
    }
    this.setStatus({ state: "saving" });
    let ok = false;
    this.inFlight = (async () => {
      let result: SaveResult;
      try {
        result = await this.options.save(graph, this.revision);
      } catch {
        result = { ok: false, code: "network", error: "Couldn't reach the server." };
      }
      if (result.ok) {
        ok = true;
        this.revision = result.revision;
        this.lastSaved = serialized;
        this.options.onSaved?.(result.revision, graph);
      } else if (result.code === DRAFT_CONFLICT) {
        this.stopped = true;
        this.setStatus({ state: "conflict", message: result.error });
      } else {
        this.setStatus({ state: "error", message: result.error });
        this.schedule(this.options.retryMs);
      }
    })();
    await this.inFlight;
    this.inFlight = null;
    if (this.stopped || !ok) return false;
    if (this.changedWhileSaving) {
      this.changedWhileSaving = false;
      this.setStatus({ state: "pending" });
      this.schedule(this.options.debounceMs);
      return true;
    }
    this.setStatus({ state: "saved" });
    return true;
  }

  /** The server's draft changed under us on purpose (a version restored here): adopt its revision. */
  adopt(revision: number, graph: G): void {
    this.revision = revision;
    this.lastSaved = JSON.stringify(graph);
  }

  dispose(): void {
    this.stopped = true;
    if (this.timer !== null) this.options.timers.clear(this.timer);
  }
}
