import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver } from "@/lib/testing/http-receiver";
import { RequestTimeoutError, safePost } from "./safe-post";
import { SsrfRefusedError } from "./ssrf-error";
import { checkOutboundDestination } from "./destination-url";

let v4: Awaited<ReturnType<typeof startReceiver>>;
let v6: Awaited<ReturnType<typeof startReceiver>>;
const none = new Set<string>();
const post = (url: string, allowedHosts: ReadonlySet<string> = none, timeoutMs = 2_000) =>
  safePost(url, { body: "{}", headers: { "Content-Type": "application/json" }, timeoutMs, allowedHosts });

beforeAll(async () => {
  v4 = await startReceiver("127.0.0.1");
  v6 = await startReceiver("::1");
});
afterAll(async () => {
  await v4.close();
  await v6.close();
});

describe("SSRF-safe delivery without an allow-list", () => {
  it.each([
    ["loopback IPv4", () => `http://127.0.0.1:${v4.port}/hook`],
    ["a name resolving to loopback", () => `http://localhost:${v4.port}/hook`],
    ["loopback IPv6", () => `http://[::1]:${v6.port}/hook`],
    ["IPv4-mapped loopback", () => `http://[::ffff:127.0.0.1]:${v4.port}/hook`],
    ["IPv4-mapped loopback in hex", () => `http://[::ffff:7f00:1]:${v4.port}/hook`],
    ["IPv4-translated loopback", () => `http://[::ffff:0:7f00:1]:${v4.port}/hook`],
    ["a hex-encoded loopback address", () => `http://0x7f000001:${v4.port}/hook`],
    ["a private address", () => "http://10.0.0.1/hook"],
    ["the cloud metadata address", () => "http://169.254.169.254/latest/meta-data/"],
    ["the unspecified address", () => `http://0.0.0.0:${v4.port}/hook`],
    ["a decimal-encoded loopback address", () => `http://2130706433:${v4.port}/hook`],
  ])("refuses %s and never connects", async (_label, url) => {
    const before = v4.received.length + v6.received.length;
    await expect(post(url())).rejects.toBeInstanceOf(SsrfRefusedError);
    expect(v4.received.length + v6.received.length).toBe(before);
  });

  it("explains the refusal at save time too", async () => {
    expect(await checkOutboundDestination(`http://localhost:${v4.port}/hook`)).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback/);
    expect(await checkOutboundDestination("http://169.254.169.254/")).toMatch(/link-local/);
    expect(await checkOutboundDestination("http://[fd00::1]/")).toMatch(/unique-local/);
  });
});

describe("SSRF-safe delivery with an allow-list", () => {
  it("reaches an allow-listed loopback receiver", async () => {
    const result = await post(`http://127.0.0.1:${v4.port}/hook`, new Set(["127.0.0.1"]));
    expect(result.status).toBe(200);
    expect(v4.received.at(-1)?.url).toBe("/hook");
  });

  it("matches the host as typed: allowing 127.0.0.1 does not allow localhost", async () => {
    await expect(post(`http://localhost:${v4.port}/hook`, new Set(["127.0.0.1"]))).rejects.toBeInstanceOf(SsrfRefusedError);
    expect((await post(`http://localhost:${v4.port}/hook`, new Set(["localhost"]))).status).toBe(200);
  });

  it("reads WEBHOOK_ALLOWED_HOSTS when no list is passed", async () => {
    process.env.WEBHOOK_ALLOWED_HOSTS = "example.invalid, [::1]";
    try {
      const result = await safePost(`http://[::1]:${v6.port}/hook`, { body: "{}", headers: {}, timeoutMs: 2_000 });
      expect(result.status).toBe(200);
    } finally {
      delete process.env.WEBHOOK_ALLOWED_HOSTS;
    }
  });

  it("does not follow redirects", async () => {
    v4.setResponder((request) =>
      request.url === "/redirect" ? { status: 302, headers: { Location: "/elsewhere" } } : { status: 200 },
    );
    const before = v4.received.length;
    const result = await post(`http://127.0.0.1:${v4.port}/redirect`, new Set(["127.0.0.1"]));
    expect(result.status).toBe(302);
    expect(v4.received.length).toBe(before + 1);
    v4.setResponder(() => ({ status: 200 }));
  });

  it("gives up on a receiver that does not answer in time", async () => {
    v4.setResponder(() => "hang");
    const started = Date.now();
    await expect(post(`http://127.0.0.1:${v4.port}/slow`, new Set(["127.0.0.1"]), 300)).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    v4.setResponder(() => ({ status: 200 }));
  });

  it("refuses schemes other than http and https", async () => {
    await expect(post("file:///etc/passwd", new Set(["localhost"]))).rejects.toThrow(/Only http and https/);
  });
});
