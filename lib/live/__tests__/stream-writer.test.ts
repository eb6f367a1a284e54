import { afterEach, describe, expect, it, vi } from "vitest";
import { BATCH_FLUSH_MS, serialiseMessage, STREAM_FLUSH_MS, StreamWriter, type SseMessage } from "@/lib/live/stream-writer";

const decoder = new TextDecoder();

function writer(cursor: { value: string | null }) {
  const chunks: string[] = [];
  const w = new StreamWriter(
    (bytes) => chunks.push(decoder.decode(bytes)),
    () => cursor.value,
  );
  return { w, chunks };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("a live stream's writer", () => {
  it("sends messages written together as one chunk, in order, the cursor on the last event only", () => {
    const cursor = { value: "12" as string | null };
    const { w, chunks } = writer(cursor);
    w.message({ event: "change", data: { n: 1 } });
    w.message({ event: "change", data: { n: 2 } });
    w.message({ event: "presence", data: { n: 3 } });
    w.flush();
    expect(chunks).toEqual([`event: change\ndata: {"n":1}\n\nevent: change\ndata: {"n":2}\n\nid: 12\nevent: presence\ndata: {"n":3}\n\n`]);
  });

  it("repeats no unchanged cursor, and sends one that moved after a comment as an id-only block", () => {
    const cursor = { value: "5" as string | null };
    const { w, chunks } = writer(cursor);
    w.message({ event: "ready", data: {} });
    w.flush();
    w.message({ event: "change", data: {} });
    w.flush();
    cursor.value = "9.7";
    w.raw(": keep-alive\n\n");
    w.flush();
    expect(chunks).toEqual(["id: 5\nevent: ready\ndata: {}\n\n", "event: change\ndata: {}\n\n", ": keep-alive\n\nid: 9.7\n\n"]);
  });

  it("sends no id before the stream has a cursor, and nothing when nothing is pending", () => {
    const cursor = { value: null as string | null };
    const { w, chunks } = writer(cursor);
    w.raw("retry: 2000\n\n");
    w.flush();
    w.flush();
    expect(chunks).toEqual(["retry: 2000\n\n"]);
  });

  it("leaves a first message by itself, and what follows within the window together after it", async () => {
    vi.useFakeTimers();
    const cursor = { value: "1" as string | null };
    const { w, chunks } = writer(cursor);
    w.message({ event: "a", data: 1 });
    await vi.advanceTimersToNextTimerAsync();
    expect(chunks).toHaveLength(1);
    w.message({ event: "b", data: 2 });
    cursor.value = "2";
    w.message({ event: "c", data: 3 });
    await vi.runAllTimersAsync();
    expect(chunks).toEqual(["id: 1\nevent: a\ndata: 1\n\n", "event: b\ndata: 2\n\nid: 2\nevent: c\ndata: 3\n\n"]);
  });

  it("holds batched messages for the longer window, and sends them at once with anything else written meanwhile", async () => {
    vi.useFakeTimers();
    const merge = (messages: SseMessage[]): SseMessage => ({ event: "change", data: { ids: messages.map((m) => (m.data as { id: number }).id) } });
    const change = (id: number): SseMessage => ({ event: "change", data: { id }, batch: { key: "message.created", merge } });
    const { w, chunks } = writer({ value: "7" });
    w.message(change(1));
    await vi.advanceTimersToNextTimerAsync();
    expect(chunks).toHaveLength(1);
    w.message(change(2));
    w.message(change(3));
    // Past the short window, only batched changes pending: still held.
    await vi.advanceTimersByTimeAsync(STREAM_FLUSH_MS + 1);
    expect(chunks).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(BATCH_FLUSH_MS);
    expect(chunks[1]).toBe('event: change\ndata: {"ids":[2,3]}\n\n');
    // The agent's own message arriving while changes wait: both leave on the short window, in order.
    w.message(change(4));
    w.message({ event: "notification", data: { mine: true } });
    await vi.advanceTimersByTimeAsync(STREAM_FLUSH_MS + 1);
    expect(chunks[2]).toBe('event: change\ndata: {"id":4}\n\nevent: notification\ndata: {"mine":true}\n\n');
  });

  it("writes what is pending when stopped, and nothing after", () => {
    const { w, chunks } = writer({ value: "3" });
    w.raw("event: revoked\ndata: {}\n\n");
    w.stop();
    w.message({ event: "change", data: {} });
    w.flush();
    expect(chunks).toEqual(["event: revoked\ndata: {}\n\nid: 3\n\n"]);
  });

  it("merges messages of one batch written one after another, keeping their order with the others", () => {
    const merge = (messages: SseMessage[]): SseMessage => ({ event: "change", data: { ids: messages.map((m) => (m.data as { id: number }).id) } });
    const change = (id: number, key = "message.created"): SseMessage => ({ event: "change", data: { id }, batch: { key, merge } });
    const { w, chunks } = writer({ value: "40" });
    w.message(change(1));
    w.message(change(2));
    w.message(change(3, "conversation.closed"));
    w.message({ event: "change", data: { mine: true } });
    w.message(change(4));
    w.message(change(5));
    w.raw(": keep-alive\n\n");
    w.message(change(6));
    w.flush();
    expect(chunks).toEqual([
      'event: change\ndata: {"ids":[1,2]}\n\n' +
        'event: change\ndata: {"id":3}\n\n' +
        'event: change\ndata: {"mine":true}\n\n' +
        'event: change\ndata: {"ids":[4,5]}\n\n' +
        ": keep-alive\n\n" +
        'id: 40\nevent: change\ndata: {"id":6}\n\n',
    ]);
  });

  it("serialises one message object once, whichever streams it goes to", () => {
    const message = { event: "change", data: { type: "message.created" } };
    const spy = vi.spyOn(JSON, "stringify");
    const first = serialiseMessage(message);
    const second = serialiseMessage(message);
    expect(second).toBe(first);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
