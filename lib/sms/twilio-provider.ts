import { z } from "zod";
import { safePost } from "@/lib/net/safe-post";
import { SsrfRefusedError } from "@/lib/net/ssrf-error";
import { SmsSendError, type SendSmsInput, type SendSmsResult, type SmsProvider } from "./provider";

const twilioMessageSchema = z.object({ sid: z.string().min(1), status: z.string().optional() });
const twilioErrorSchema = z.object({ code: z.number().optional(), message: z.string().optional() });

export type TwilioCredentials = { accountSid: string; authToken: string; baseUrl: string };

/**
 * Sends through Twilio's Messages API (or any provider that speaks it): a form-encoded POST to
 * {baseUrl}/2010-04-01/Accounts/{sid}/Messages.json with HTTP basic auth. The base URL is the
 * channel's, so it goes through the same SSRF-safe transport as webhooks.
 */
export class TwilioProvider implements SmsProvider {
  constructor(private readonly credentials: TwilioCredentials) {}

  async send(input: SendSmsInput): Promise<SendSmsResult> {
    const { accountSid, authToken, baseUrl } = this.credentials;
    const url = `${baseUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    const form = new URLSearchParams({ To: input.to, From: input.from, Body: input.body });
    if (input.statusCallbackUrl) form.set("StatusCallback", input.statusCallbackUrl);

    let response;
    try {
      response = await safePost(url, {
        body: form.toString(),
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
          Authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`,
        },
        timeoutMs: 15_000,
        maxResponseBytes: 64 * 1024,
      });
    } catch (error) {
      if (error instanceof SsrfRefusedError) throw new SmsSendError(error.message, false);
      throw new SmsSendError(`The SMS provider could not be reached: ${error instanceof Error ? error.message : String(error)}`, true);
    }

    let json: unknown = null;
    try {
      json = JSON.parse(response.body);
    } catch {
      // Reported below with the status code.
    }
    if (response.status >= 200 && response.status < 300) {
      const message = twilioMessageSchema.safeParse(json);
      if (!message.success) throw new SmsSendError("The SMS provider answered without a message id.", true);
      return { providerMessageId: message.data.sid, status: message.data.status === "delivered" ? "delivered" : "sent" };
    }
    const detail = twilioErrorSchema.safeParse(json);
    const reason = detail.success && detail.data.message ? `${detail.data.message}${detail.data.code ? ` (${detail.data.code})` : ""}` : `HTTP ${response.status}`;
    // 429 and 5xx are the provider's trouble and pass; other 4xx (bad number, bad credentials) will not.
    const retryable = response.status === 429 || response.status >= 500;
    throw new SmsSendError(`The SMS provider refused the message: ${reason}`, retryable, detail.success ? (detail.data.code ?? null) : null);
  }
}
