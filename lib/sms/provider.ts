export type SendSmsInput = {
  from: string;
  to: string;
  body: string;
  /** Where the provider reports delivery status, or null when no public URL is known. */
  statusCallbackUrl: string | null;
  /** Stable per outbox row: a provider that can dedupe on it sends a retried row once. */
  reference: string;
};

export type SendSmsResult = { providerMessageId: string; status: "sent" | "delivered" };

/** A provider refused or could not take the message; `retryable` says whether trying later may help. */
export class SmsSendError extends Error {
  readonly retryable: boolean;
  /** The provider's error code, when it gave one (Twilio's 21610, 21211…: lib/consent/sms-provider-refusals.ts). */
  readonly code: number | null;

  constructor(message: string, retryable: boolean, code: number | null = null) {
    super(message);
    this.name = "SmsSendError";
    this.retryable = retryable;
    this.code = code;
  }
}

export interface SmsProvider {
  send(input: SendSmsInput): Promise<SendSmsResult>;
}
