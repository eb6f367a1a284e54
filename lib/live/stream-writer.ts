import { performance } from "node:perf_hooks";

/**
 * At most one write to a live stream's socket per this window. Every open inbox hears every event
 * of its workspace, so under load a stream's events arrive far apart by less than this: each one
 * written alone costs the response pipeline and a socket write, times every open stream. A first
 * write after a quiet spell still leaves at once; the window only delays what follows it.
 */
export const STREAM_FLUSH_MS = 50;

/**
 * The window when all that is pending is batched messages (an inbox's changes that are not its
 * agent's, which it only re-renders for). 100 open inboxes each written 20 times a second were
 * most of the web process's socket writes under load; a colleague's conversation moving in the
 * list a quarter of a second later is not noticed. Anything else written meanwhile (the agent's
 * own notification, a keep-alive) takes the pending batch with it on the short window.
 */
export const BATCH_FLUSH_MS = 250;

/** One server-sent event: its name and its JSON data. */
export type SseMessage = {
  event: string;
  data: unknown;
  /**
   * Messages with the same key written one after another within one window leave as the one
   * message `merge` makes of them (an inbox told of many changes that are not its agent's, which
   * it only re-renders for). Never part of what is sent.
   */
  batch?: { key: string; merge: (messages: SseMessage[]) => SseMessage };
};

// The same message written to many streams (one `change` for every agent an event does not
// concern: the route hands them all the same object) is serialised once.
const serialised = new WeakMap<SseMessage, string>();

export function serialiseMessage(message: SseMessage): string {
  let text = serialised.get(message);
  if (text === undefined) {
    text = `event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
    serialised.set(message, text);
  }
  return text;
}

const encoder = new TextEncoder();

/**
 * Collects one stream's text/event-stream blocks and writes them out together, at most once per
 * `windowMs`. The stream's resume cursor (`cursor()`, its SSE `id:`) is read when a chunk leaves
 * and rides on its last event: the stream observes an event only once its message (if any) has
 * been written here, so the cursor never claims an event this chunk does not carry or an earlier
 * one did. A reader cut off mid-chunk resumes from the previous chunk's id and is sent the rest
 * again (at least once, never lost).
 */
export class StreamWriter {
  private parts: string[] = [];
  private lastIsEvent = false;
  /** The batch being collected (its messages are not in `parts` yet). */
  private batch: SseMessage[] = [];
  private sentCursor = "";
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  /** When `timer` fires (performance.now() time). */
  private timerDue = 0;
  private immediate: NodeJS.Immediate | null = null;
  private stopped = false;

  constructor(
    private readonly output: (bytes: Uint8Array) => void,
    private readonly cursor: () => string | null,
    private readonly windowMs: number = STREAM_FLUSH_MS,
    private readonly batchWindowMs: number = BATCH_FLUSH_MS,
  ) {}

  /** An event block (`event:`/`data:`), which may carry the id. */
  message(message: SseMessage): void {
    if (this.stopped) return;
    if (this.batch.length > 0 && message.batch?.key !== this.batch[0]!.batch!.key) this.closeBatch();
    if (message.batch) this.batch.push(message);
    else this.parts.push(serialiseMessage(message));
    this.lastIsEvent = true;
    this.schedule();
  }

  /** Fields or comments that are not an event (`retry:`, `: keep-alive`). */
  raw(text: string): void {
    if (this.stopped) return;
    this.closeBatch();
    this.parts.push(text);
    this.lastIsEvent = false;
    this.schedule();
  }

  private closeBatch(): void {
    if (this.batch.length === 0) return;
    const [first] = this.batch;
    // One message alone keeps its shared serialisation; several become one, serialised for this stream.
    this.parts.push(serialiseMessage(this.batch.length === 1 ? first! : first!.batch!.merge(this.batch)));
    this.batch = [];
  }

  private schedule(): void {
    if (this.immediate) return;
    // Only batched messages pending: the long window; anything else: the short one.
    const due = this.lastFlushAt + (this.parts.length === 0 ? this.batchWindowMs : this.windowMs);
    if (this.timer) {
      if (this.timerDue <= due) return;
      clearTimeout(this.timer);
      this.timer = null;
    }
    const now = performance.now();
    // setImmediate, not now: the other events read from the same socket read join this chunk.
    if (due <= now) this.immediate = setImmediate(() => this.flush());
    else {
      this.timerDue = due;
      this.timer = setTimeout(() => this.flush(), due - now);
    }
  }

  /** Writes what is pending now (also called on close, so a last `revoked` still leaves). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    this.closeBatch();
    if (this.parts.length === 0) return;
    const cursor = this.cursor();
    if (cursor !== null && cursor !== this.sentCursor) {
      this.sentCursor = cursor;
      // On the chunk's last event, or as an id-only block (not dispatched by EventSource, but its
      // Last-Event-ID follows) after a comment.
      if (this.lastIsEvent) this.parts[this.parts.length - 1] = `id: ${cursor}\n${this.parts[this.parts.length - 1]}`;
      else this.parts.push(`id: ${cursor}\n\n`);
    }
    const chunk = this.parts.length === 1 ? this.parts[0]! : this.parts.join("");
    this.parts = [];
    this.lastIsEvent = false;
    this.lastFlushAt = performance.now();
    this.output(encoder.encode(chunk));
  }

  /** Flushes what is pending and writes nothing more. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.flush();
  }
}
