/**
 * The keywords carriers require an SMS sender to honour (CTIA; what Twilio's opt-out handling
 * answers to): the whole message, ignoring case and surrounding spaces or punctuation.
 */
export const SMS_KEYWORDS = {
  stop: ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"],
  start: ["START", "YES", "UNSTOP"],
  help: ["HELP", "INFO"],
} as const;
export type SmsKeyword = keyof typeof SMS_KEYWORDS;

const BY_WORD = new Map<string, SmsKeyword>(
  (Object.entries(SMS_KEYWORDS) as [SmsKeyword, readonly string[]][]).flatMap(([keyword, words]) => words.map((word) => [word, keyword] as const)),
);

/** The keyword a text is, or null for any other text ("stop calling me" is a message, not STOP). */
export function smsKeywordOf(text: string): SmsKeyword | null {
  const word = text
    .trim()
    .replace(/^[\s"'.!¡¿?,]+|[\s"'.!?,]+$/gu, "")
    .toUpperCase();
  return BY_WORD.get(word) ?? null;
}

/** The channel's answer to HELP when its settings leave the help text blank. */
export function defaultSmsHelpText(channelName: string): string {
  return `${channelName}: reply to this number to reach our team. Reply STOP to unsubscribe, START to resubscribe. Msg & data rates may apply.`;
}

export function smsStopConfirmation(channelName: string): string {
  return `${channelName}: you are unsubscribed and will receive no more messages. Reply START to resubscribe.`;
}

export function smsStartConfirmation(channelName: string): string {
  return `${channelName}: you are subscribed again. Reply STOP to unsubscribe, HELP for help.`;
}
