import { InlineStatus } from "@/components/ui/inline-status";
import { mailDeliverySummary } from "@/lib/mail/mail-delivery";

/** Says where this instance's mail goes, and, without a mail server, how to set one up. */
export function MailSandboxNotice() {
  const delivery = mailDeliverySummary();
  if (delivery.mode === "smtp") {
    return (
      <InlineStatus>
        Mail is sent through <strong className="font-medium">{delivery.host}</strong>
        {delivery.from ? <> from {delivery.from}</> : null}. This page lists the workspace&apos;s own mail (invitations): what was sent, what is waiting and what failed. Mail about a person&apos;s account, such as a password reset, goes only to them.
      </InlineStatus>
    );
  }
  return (
    <InlineStatus tone="warning">
      <p>
        No mail server is set up, so Parley keeps every mail here instead of sending it. Invitations and password resets still work: open a mail and
        follow its link.
      </p>
      <p className="mt-2">
        To send mail, set <code className="font-mono text-xs">SMTP_URL</code> (e.g. <code className="font-mono text-xs break-all">smtps://user:password@smtp.example.com:465</code>)
        and <code className="font-mono text-xs">MAIL_FROM</code> (e.g. <code className="font-mono text-xs">Parley &lt;parley@example.com&gt;</code>) in
        Parley&apos;s environment, then restart it.
      </p>
    </InlineStatus>
  );
}
