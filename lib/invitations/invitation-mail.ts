import type { Role } from "@/lib/db/schema/workspaces";
import type { MailMessage } from "@/lib/mail/mail-message";
import { escapeHtml } from "@/lib/rich-text/html-serializer";

const ROLE_WORDS: Record<Role, string> = { owner: "an owner", admin: "an admin", agent: "an agent" };

/** The invitation mail: who invites whom to which workspace, the link, and when it stops working. */
export function invitationMail(input: { to: string; workspaceName: string; inviterName: string; role: Role; url: string; expiresAt: Date }): MailMessage {
  const { to, workspaceName, inviterName, role, url } = input;
  const expires = input.expiresAt.toUTCString().replace(/:\d\d GMT$/, " UTC");
  // One line: a name with a line break must not spill into the headers.
  const subject = `${inviterName} invited you to ${workspaceName} on Parley`.replace(/[\r\n]+/g, " ");
  const text = [
    `${inviterName} invited you to join ${workspaceName} on Parley as ${ROLE_WORDS[role]}.`,
    "",
    "Accept the invitation:",
    url,
    "",
    `The link works once and until ${expires}. If you weren't expecting this invitation, you can ignore this mail.`,
  ].join("\n");
  const html = `<!doctype html>
<html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#0f172a;line-height:1.5">
<p><strong>${escapeHtml(inviterName)}</strong> invited you to join <strong>${escapeHtml(workspaceName)}</strong> on Parley as ${ROLE_WORDS[role]}.</p>
<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#4f46e5;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">Accept the invitation</a></p>
<p style="color:#475569;font-size:14px">Or open this link: <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>
<p style="color:#475569;font-size:14px">The link works once and until ${escapeHtml(expires)}. If you weren't expecting this invitation, you can ignore this mail.</p>
</body></html>`;
  return { kind: "invitation", to, subject, html, text };
}
