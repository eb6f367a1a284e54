import { Mail } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { MailHtmlView } from "@/components/settings/mail-html-view";
import { AutoRefresh } from "@/components/third-party/auto-refresh";
import { EmailSandboxReplyForm } from "@/components/third-party/email-sandbox-reply-form";
import { ThirdPartySubnav } from "@/components/third-party/settings-subnav";
import { LocalTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";
import { EMAIL_SANDBOX_LIMIT, listEmailSandbox } from "@/lib/email/email-sandbox";

export const metadata: Metadata = { title: "Email sandbox", referrer: "no-referrer" };

type Search = { to?: string | string[] };

export default async function EmailSandboxPage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Promise<Search> }) {
  const { workspaceId } = await params;
  const requested = (await searchParams).to;
  const recipient = (Array.isArray(requested) ? requested[0] : requested)?.slice(0, 320) || null;
  const { workspace } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/email-sandbox`);
  const emails = await listEmailSandbox(getDb(), workspace.id, recipient);
  const href = (to?: string) => `/${workspace.id}/settings/email-sandbox${to ? `?${new URLSearchParams({ to }).toString()}` : ""}`;

  return (
    <>
      <PageHeader
        title="Email sandbox"
        description="Emails that email channels sent through the sandbox, as the recipient sees them; reply as the recipient to test the inbound path."
      />
      <ThirdPartySubnav workspaceId={workspace.id} current="email-sandbox" />
      <div className="mx-auto grid max-w-4xl gap-6 px-6 py-6">
        <AutoRefresh intervalMs={5000} />
        {recipient ? (
          <p className="text-sm">
            Emails to and from <span className="font-medium break-all">{recipient}</span> ·{" "}
            <Link href={href()} className="text-primary underline underline-offset-4">Show every recipient</Link>
          </p>
        ) : null}
        {emails.length === 0 ? (
          <EmptyState icon={Mail} title="No emails yet" description="Start a Conversation on an email channel that sends through the sandbox, and its emails appear here." />
        ) : (
          <ol className="grid gap-4" aria-label={`Newest ${EMAIL_SANDBOX_LIMIT} emails`}>
            {emails.map((email) => (
              <li key={email.id}>
                <Card aria-labelledby={`email-${email.id}`} data-email-direction={email.direction}>
                  <CardHeader>
                    <CardTitle id={`email-${email.id}`} className="flex flex-wrap items-center gap-2 text-base">
                      {email.subject}
                      <Badge variant={email.direction === "outbound" ? "primary" : "outline"}>{email.direction === "outbound" ? "Sent by Parley" : "Reply"}</Badge>
                    </CardTitle>
                    <CardDescription className="break-all">
                      From {email.fromAddress} to {email.toAddress} · <LocalTime value={email.createdAt} />
                      {recipient ? null : (
                        <>
                          {" · "}
                          <Link href={href(email.direction === "outbound" ? email.toAddress : email.fromAddress)} className="text-primary underline underline-offset-4">
                            Only this recipient
                          </Link>
                        </>
                      )}
                    </CardDescription>
                  </CardHeader>
                  <CardContent className="grid gap-4">
                    {email.html ? (
                      <MailHtmlView html={email.html} label={`Email: ${email.subject}`} />
                    ) : (
                      <pre className="rounded-md border bg-muted p-3 text-sm whitespace-pre-wrap">{email.text}</pre>
                    )}
                    {email.direction === "outbound" ? <EmailSandboxReplyForm workspaceId={workspace.id} sandboxMessageId={email.id} recipient={email.toAddress} /> : null}
                  </CardContent>
                </Card>
              </li>
            ))}
          </ol>
        )}
      </div>
    </>
  );
}
