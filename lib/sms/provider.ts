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

  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = "SmsSendError";
    this.retryable = retryable;
  }
}

export interface SmsProvider {
  send(input: SendSmsInput): Promise<SendSmsResult>;
}
