import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/app-shell/page-header";
import { MailHtmlView } from "@/components/settings/mail-html-view";
import { MAIL_KIND_LABELS, MAIL_STATUS } from "@/components/settings/mail-labels";
import { SettingsBackLink } from "@/components/settings/settings-back-link";
import { LocalTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { InlineStatus } from "@/components/ui/inline-status";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";
import { findSandboxMail } from "@/lib/mail/mail-sandbox";
import { uuidSchema } from "@/lib/validation/uuid";

export const metadata: Metadata = { title: "Mail", referrer: "no-referrer" };

export default async function SandboxMailPage({ params }: { params: Promise<{ workspaceId: string; mailId: string }> }) {
  const { workspaceId, mailId } = await params;
  const { workspace, role, user } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/mail-sandbox/${mailId}`);
  const id = uuidSchema.safeParse(mailId);
  // Owners only, and only this workspace's mail: anything else is a page that does not exist.
  const mail = role === "owner" && id.success ? await findSandboxMail(getDb(), { workspaceId: workspace.id, ownerUserId: user.id }, id.data) : null;
  if (!mail) notFound();
  const status = MAIL_STATUS[mail.status];

  return (
    <>
      <PageHeader title={mail.subject} description={`To ${mail.toAddress}`} />
      <div className="mx-auto grid max-w-4xl gap-6 px-6 py-6">
        <SettingsBackLink href={`/${workspace.id}/settings/mail-sandbox`} label="Mail sandbox" />
        <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="font-medium text-muted-foreground">To</dt>
          <dd className="break-all">{mail.toAddress}</dd>
          <dt className="font-medium text-muted-foreground">Kind</dt>
          <dd>{MAIL_KIND_LABELS[mail.kind] ?? mail.kind}</dd>
          <dt className="font-medium text-muted-foreground">Written</dt>
          <dd><LocalTime value={mail.createdAt} /></dd>
          <dt className="font-medium text-muted-foreground">Status</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <Badge variant={status.variant}>{status.label}</Badge>
            {mail.sentAt ? <span className="text-muted-foreground">{mail.status === "sent" ? "sent " : "since "}<LocalTime value={mail.sentAt} /></span> : null}
          </dd>
        </dl>
        {mail.lastError ? <InlineStatus tone="error">The mail server answered: {mail.lastError}</InlineStatus> : null}

        <Card aria-labelledby="mail-html">
          <CardHeader>
            <CardTitle id="mail-html">As the recipient sees it</CardTitle>
          </CardHeader>
          <CardContent>
            <MailHtmlView html={mail.html} label={`Mail: ${mail.subject}`} />
          </CardContent>
        </Card>

        <Card aria-labelledby="mail-text">
          <CardHeader>
            <CardTitle id="mail-text">Plain text</CardTitle>
          </CardHeader>
          <CardContent>
            <pre className="overflow-x-auto rounded-md border bg-subtle p-4 font-mono text-xs leading-relaxed whitespace-pre-wrap break-words">{mail.text}</pre>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
