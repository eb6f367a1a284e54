import { ChevronLeft, ChevronRight, Mail } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { MAIL_KIND_LABELS, MAIL_STATUS } from "@/components/settings/mail-labels";
import { MailSandboxNotice } from "@/components/settings/mail-sandbox-notice";
import { SettingsBackLink } from "@/components/settings/settings-back-link";
import { LocalTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { InlineStatus } from "@/components/ui/inline-status";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";
import { listSandboxMails, MAIL_SANDBOX_PAGE_SIZE } from "@/lib/mail/mail-sandbox";

export const metadata: Metadata = { title: "Mail sandbox" };

type Search = Promise<{ page?: string | string[] }>;

export default async function MailSandboxPage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Search }) {
  const { workspaceId } = await params;
  const { workspace, role, user } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/mail-sandbox`);
  const header = (
    <>
      <PageHeader title="Mail sandbox" description="Mail Parley kept or sent for this workspace and for its members' accounts, newest first." />
      <div className="mx-auto max-w-5xl px-6 pt-4">
        <SettingsBackLink href={`/${workspace.id}/settings`} label="Settings" />
      </div>
    </>
  );
  // Reset and invitation links are in these mails: owners only.
  if (role !== "owner") {
    return (
      <>
        {header}
        <div className="mx-auto max-w-5xl px-6 py-6">
          <InlineStatus>Only workspace owners can read the mail sandbox: it holds other people&apos;s sign-in links.</InlineStatus>
        </div>
      </>
    );
  }

  const requested = Number((await searchParams).page);
  const page = Number.isInteger(requested) && requested > 1 ? requested : 1;
  const { mails, total } = await listSandboxMails(getDb(), { workspaceId: workspace.id, ownerUserId: user.id }, page);
  const pages = Math.max(1, Math.ceil(total / MAIL_SANDBOX_PAGE_SIZE));
  const first = (page - 1) * MAIL_SANDBOX_PAGE_SIZE + 1;
  const pageHref = (n: number) => `/${workspace.id}/settings/mail-sandbox${n > 1 ? `?page=${n}` : ""}`;

  return (
    <>
      {header}
      <div className="mx-auto grid max-w-5xl gap-6 px-6 py-6">
        <MailSandboxNotice />
        <Card aria-label="Mails">
          <CardContent className="px-0 py-2">
            {mails.length === 0 ? (
              <EmptyState
                headingLevel="h2"
                icon={Mail}
                className="py-10"
                title={total === 0 ? "No mail yet" : "No mail on this page"}
                description={total === 0 ? "Invitations, password resets and email confirmations appear here." : <Link href={pageHref(1)} className="text-primary underline">Go to the newest mail</Link>}
              />
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Mails, newest first</caption>
                  <thead className="border-b text-xs text-muted-foreground">
                    <tr>
                      <th scope="col" className="px-5 py-2 font-medium">Subject</th>
                      <th scope="col" className="px-3 py-2 font-medium">To</th>
                      <th scope="col" className="px-3 py-2 font-medium">Kind</th>
                      <th scope="col" className="px-3 py-2 font-medium">When</th>
                      <th scope="col" className="px-5 py-2 font-medium">Status</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y">
                    {mails.map((mail) => (
                      <tr key={mail.id} className="hover:bg-subtle">
                        <td className="max-w-72 px-5 py-3">
                          <Link href={`/${workspace.id}/settings/mail-sandbox/${mail.id}`} className="line-clamp-2 font-medium text-primary underline-offset-4 hover:underline">
                            {mail.subject}
                          </Link>
                        </td>
                        <td className="max-w-56 truncate px-3 py-3" title={mail.toAddress}>{mail.toAddress}</td>
                        <td className="px-3 py-3 whitespace-nowrap text-muted-foreground">{MAIL_KIND_LABELS[mail.kind] ?? mail.kind}</td>
                        <td className="px-3 py-3 whitespace-nowrap text-muted-foreground"><LocalTime value={mail.createdAt} /></td>
                        <td className="px-5 py-3"><Badge variant={MAIL_STATUS[mail.status].variant}>{MAIL_STATUS[mail.status].label}</Badge></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </CardContent>
        </Card>
        {total > 0 ? (
          <nav aria-label="Pages of mail" className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted-foreground">
            <p>
              {mails.length > 0 ? `${first}–${first + mails.length - 1} of ${total}` : `${total} in all`}
            </p>
            <div className="flex gap-2">
              {page > 1 ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={pageHref(Math.min(page - 1, pages))} rel="prev"><ChevronLeft aria-hidden />Newer</Link>
                </Button>
              ) : null}
              {page < pages ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={pageHref(page + 1)} rel="next">Older<ChevronRight aria-hidden /></Link>
                </Button>
              ) : null}
            </div>
          </nav>
        ) : null}
      </div>
    </>
  );
}
