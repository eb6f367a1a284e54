import nodemailer, { type Transporter } from "nodemailer";
import { isHostAllowListed } from "@/lib/net/allowed-hosts";
import { resolveVetted } from "@/lib/net/resolve-destination";
import { mailTransport } from "@/lib/mail/mail-transport";
import type { EmailTransportConfig } from "./channel-config";

/**
 * The domain the install's SMTP server sends as (MAIL_FROM's), or null when the install has no
 * SMTP server (its mail stays in the sandbox). A channel sending through the install's server may
 * only use a From address in that domain: the operator vouched for it, not for any address an
 * admin of any workspace types.
 */
export function installSenderDomain(): string | null {
  const install = mailTransport();
  if (install.kind !== "smtp") return null;
  return /@([^\s>@]+)>?\s*$/.exec(install.from)?.[1]?.toLowerCase() ?? null;
}

/** Why this From address may not be used on this transport, or null. */
export function fromAddressProblem(config: { fromAddress: string; transport: EmailTransportConfig }): string | null {
  if (config.transport.kind !== "default") return null;
  const domain = installSenderDomain();
  if (domain === null) return null;
  const fromDomain = config.fromAddress.slice(config.fromAddress.lastIndexOf("@") + 1).toLowerCase();
  return fromDomain === domain ? null : `Through Parley's own mail server, emails can only come from an address at ${domain}. Use such an address, or the channel's own SMTP server.`;
}

export type ChannelTransport = { kind: "smtp"; transporter: Transporter } | { kind: "sandbox" };

/**
 * How one email channel sends: the install's SMTP server (Part 8's mail transport; the sandbox
 * without SMTP_URL), the sandbox, or the channel's own SMTP server. A channel's own server is a
 * host a workspace admin typed, so it goes through the outbound address policy (lib/net) on
 * every send: the connection is made to the address that was vetted (TLS still checks the name).
 */
export async function channelTransport(config: EmailTransportConfig): Promise<ChannelTransport> {
  if (config.kind === "sandbox") return { kind: "sandbox" };
  if (config.kind === "default") {
    const install = mailTransport();
    return install.kind === "sandbox" ? { kind: "sandbox" } : { kind: "smtp", transporter: install.transporter };
  }
  const [address] = await resolveVetted(config.host, isHostAllowListed(config.host));
  const transporter = nodemailer.createTransport({
    host: address!.address,
    port: config.port,
    secure: config.secure,
    tls: { servername: config.host },
    // Credentials never cross the network in the clear: without implicit TLS, STARTTLS is required.
    requireTLS: !config.secure && Boolean(config.username),
    ...(config.username ? { auth: { user: config.username, pass: config.password } } : {}),
    connectionTimeout: 20_000,
    socketTimeout: 30_000,
  });
  return { kind: "smtp", transporter };
}

/** The raw MIME of an email, as the sandbox keeps it (nodemailer builds it as it would send it). */
const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
export async function buildRawEmail(options: nodemailer.SendMailOptions): Promise<string> {
  const info = await builder.sendMail(options);
  return (info.message as Buffer).toString("utf8");
}
