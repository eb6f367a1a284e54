import { z } from "zod";

// One concept for every channel that sends through the delivery outbox: how many messages per
// second it may hand to its provider. The outbox counts a channel's claims of the last second
// against it (lib/outbox/delivery-outbox.ts), so a drain never waits for the rate.

/** A channel's rate when its settings name none (channels saved before the setting existed). */
export const DEFAULT_SEND_RATE = 10;
export const MAX_SEND_RATE = 1000;

/** What a channel sends, in the words its settings use: "email" → "emails per second". */
export type SendRateNoun = "email" | "text";

/** The settings field's label, e.g. "Send rate (texts per second)". */
export const sendRateLabel = (noun: SendRateNoun) => `Send rate (${noun}s per second)`;

/** The settings field's check, with the messages the form shows. */
export const sendRateSchema = (noun: SendRateNoun) =>
  z.coerce
    .number({ error: `Enter how many ${noun}s per second.` })
    .int(`Enter a whole number of ${noun}s per second.`)
    .min(1, `At least one ${noun} per second.`)
    .max(MAX_SEND_RATE, `At most ${MAX_SEND_RATE} ${noun}s per second.`);
