import { z } from "zod";
import { DEFAULT_SEND_RATE, sendRateSchema } from "@/lib/outbox/send-rate";

/** The From name an email channel shows by default: the Sender's name, then the workspace's. */
export const DEFAULT_FROM_NAME_PATTERN = "{sender} from {workspace}";

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter a domain, e.g. reply.example.com.")
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$|^localhost$/, "Enter a domain name, e.g. reply.example.com.");

// An SMTP server may be named by its address too (the address policy still applies to it).
const smtpHost = z.union([hostname, z.ipv4({ error: "Enter a host name, e.g. smtp.example.com." })], { error: "Enter a host name, e.g. smtp.example.com." });

/**
 * How an email channel sends: the install's SMTP server (SMTP_URL, Part 8's mail transport), its
 * own SMTP server, or the sandbox (kept in Parley and shown in Settings › Email sandbox).
 */
export const emailTransportSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("default") }),
  z.strictObject({ kind: z.literal("sandbox") }),
  z.strictObject({
    kind: z.literal("smtp"),
    host: smtpHost,
    port: z.coerce.number().int().min(1).max(65535).default(587),
    // true: TLS from the first byte (port 465); false: STARTTLS when the server offers it.
    secure: z.boolean().default(false),
    username: z.string().trim().max(320).default(""),
    // A secret the server needs in clear to log in; never sent back to a browser.
    password: z.string().max(500).default(""),
  }),
]);
export type EmailTransportConfig = z.infer<typeof emailTransportSchema>;

/** What an email channel keeps in channels.config. */
export const emailChannelConfigSchema = z.strictObject({
  fromAddress: z.email("Enter the address emails come from, e.g. support@example.com.").max(320),
  // {sender} and {workspace} are filled in per email.
  fromNamePattern: z.string().trim().min(1).max(120).default(DEFAULT_FROM_NAME_PATTERN),
  // Replies go to reply+<token>@<replyDomain>: point its MX at Parley's SMTP listener.
  replyDomain: hostname,
  transport: emailTransportSchema,
  ratePerSecond: sendRateSchema("email").default(DEFAULT_SEND_RATE),
  // SHA-256 (hex) of the inbound webhook's secret: shown once, kept only as a hash.
  inboundSecretHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type EmailChannelConfig = z.infer<typeof emailChannelConfigSchema>;

export function readEmailConfig(config: unknown): EmailChannelConfig | null {
  const parsed = emailChannelConfigSchema.safeParse(config);
  return parsed.success ? parsed.data : null;
}

/** The config as a browser may see it: no SMTP password, no secret hash. */
export function publicEmailConfig(config: EmailChannelConfig) {
  const { inboundSecretHash: _hash, transport, ...rest } = config;
  void _hash;
  const shownTransport = transport.kind === "smtp" ? { kind: transport.kind, host: transport.host, port: transport.port, secure: transport.secure, username: transport.username, hasPassword: transport.password !== "" } : transport;
  return { ...rest, transport: shownTransport };
}

/** The From name of one email: the pattern with the Sender's and the workspace's names. */
export function fromName(pattern: string, names: { sender: string | null; workspace: string }): string {
  const sender = names.sender?.trim() || names.workspace;
  const filled = pattern.replaceAll("{sender}", sender).replaceAll("{workspace}", names.workspace).trim();
  // A display name is one line; quotes and angle brackets are escaped by nodemailer's address encoder.
  return filled.replace(/[\r\n]+/g, " ");
}

/** The reply address of a conversation: reply+<token>@<reply domain>. */
export function replyAddress(config: Pick<EmailChannelConfig, "replyDomain">, token: string): string {
  return `reply+${token}@${config.replyDomain}`;
}

/** The token of a reply address (any of a mail's recipients), or null. */
export function replyTokenOf(address: string): string | null {
  const match = /^reply\+([a-z0-9]{16,64})@/i.exec(address.trim());
  return match ? match[1]!.toLowerCase() : null;
}
