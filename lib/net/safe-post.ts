import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { isHostAllowListed, normalizeHost } from "./allowed-hosts";
import { resolveVetted, vettedLookup } from "./resolve-destination";

export type SafePostResult = { status: number; body: string };

export type SafePostOptions = {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Overrides WEBHOOK_ALLOWED_HOSTS (tests). */
  allowedHosts?: ReadonlySet<string>;
  /** How much of the response to keep for the delivery log; the rest is discarded unread. */
  maxResponseBytes?: number;
};

export class RequestTimeoutError extends Error {
  constructor(ms: number) {
    super(ms < 1000 ? `No response within ${ms} ms.` : `No response within ${Math.round(ms / 1000)} s.`);
    this.name = "RequestTimeoutError";
  }
}

/**
 * POSTs to a URL that an outside party chose, without letting it reach inside the network:
 * the host is resolved and every address vetted (unless allow-listed), the socket connects only
 * to a vetted address, redirects are not followed (a 3xx is just a failed delivery), and the
 * whole exchange has one deadline.
 */
export async function safePost(target: string | URL, options: SafePostOptions): Promise<SafePostResult> {
  const url = new URL(target);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("Only http and https URLs can be called.");
  const host = normalizeHost(url.hostname);
  const allowListed = options.allowedHosts ? options.allowedHosts.has(host) : isHostAllowListed(host);
  // Node skips `lookup` for IP literals, so those are vetted here; names are vetted in the lookup.
  if (isIP(host)) await resolveVetted(host, allowListed);

  const transport = url.protocol === "https:" ? https : http;
  const maxBytes = options.maxResponseBytes ?? 2048;

  return new Promise<SafePostResult>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const request = transport.request(
      url,
      {
        method: "POST",
        // A fresh connection per call: a pooled socket would skip the lookup and its check.
        agent: false,
        lookup: vettedLookup(allowListed),
        headers: { ...options.headers, "Content-Length": String(Buffer.byteLength(options.body)) },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let kept = 0;
        const finish = () => settle(() => resolve({ status, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk.subarray(0, maxBytes - kept));
          kept += Math.min(chunk.length, maxBytes - kept);
          if (kept >= maxBytes) {
            // Enough for the log: a receiver streaming megabytes back must not hold the worker.
            finish();
            response.destroy();
          }
        });
        response.on("end", finish);
        response.on("error", (error) => settle(() => reject(error)));
      },
    );
    const timer = setTimeout(() => {
      const error = new RequestTimeoutError(options.timeoutMs);
      settle(() => reject(error));
      request.destroy(error);
    }, options.timeoutMs);
    request.on("error", (error) => settle(() => reject(error)));
    request.end(options.body);
  });
}
