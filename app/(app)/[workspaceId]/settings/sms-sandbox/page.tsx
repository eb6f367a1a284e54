import { Smartphone } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { AutoRefresh } from "@/components/third-party/auto-refresh";
import { LocalTime } from "@/components/time/local-time";
import { SandboxReplyForm } from "@/components/third-party/sandbox-reply-form";
import { ThirdPartySubnav } from "@/components/third-party/settings-subnav";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";
import { toE164 } from "@/lib/sms/phone";
import { sandboxChannels, sandboxPhones, sandboxThread } from "@/lib/sms/sandbox";
import { cn } from "@/lib/utils/cn";

export const metadata: Metadata = { title: "SMS sandbox" };

type Search = { channel?: string | string[]; phone?: string | string[] };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SmsSandboxPage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Promise<Search> }) {
  const { workspaceId } = await params;
  const search = await searchParams;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/sms-sandbox`);
  const db = getDb();
  const channels = await sandboxChannels(db, workspace.id);
  const channel = channels.find((candidate) => candidate.id === first(search.channel)) ?? channels[0];
  const phones = channel ? await sandboxPhones(db, workspace.id, channel.id) : [];
  const requestedPhone = first(search.phone);
  const phone = (requestedPhone && toE164(requestedPhone)) || phones[0]?.phone;
  const thread = channel && phone ? await sandboxThread(db, workspace.id, channel.id, phone) : [];
  const href = (params: Record<string, string>) => `/${workspace.id}/settings/sms-sandbox?${new URLSearchParams(params).toString()}`;

  return (
    <>
      <PageHeader title="SMS sandbox" description="A pretend phone network: texts sent on sandbox channels land here, and you can reply as the phone." />
      <ThirdPartySubnav workspaceId={workspace.id} current="sms-sandbox" />
      <div className="mx-auto grid max-w-5xl gap-6 px-6 py-6">
        {!channel ? (
          <EmptyState
            icon={Smartphone}
            title="No sandbox SMS channel"
            description="Create an SMS channel with the SMS sandbox provider to try texting without a provider account."
            action={
              BUILDER_ROLES.includes(role) ? (
                <Button asChild>
                  <Link href={`/${workspace.id}/settings/channels/new-sms`}>Add an SMS channel</Link>
                </Button>
              ) : null
            }
          />
        ) : (
          <>
            {channels.length > 1 ? (
              <nav aria-label="Sandbox channels" className="flex flex-wrap gap-2">
                {channels.map((candidate) => (
                  <Button key={candidate.id} asChild size="sm" variant={candidate.id === channel.id ? "primary" : "outline"}>
                    <Link href={href({ channel: candidate.id })} aria-current={candidate.id === channel.id ? "page" : undefined}>{candidate.name}</Link>
                  </Button>
                ))}
              </nav>
            ) : null}
            <div className="grid gap-6 md:grid-cols-[16rem_1fr]">
              <Card aria-labelledby="sandbox-phones">
                <CardHeader>
                  <CardTitle id="sandbox-phones">Phones</CardTitle>
                  <CardDescription>{channel.name} · {channel.sms?.fromNumber}</CardDescription>
                </CardHeader>
                <CardContent className="px-2 pt-2">
                  {phones.length === 0 ? (
                    <p className="px-3 text-sm text-muted-foreground">No texts yet.</p>
                  ) : (
                    <ul className="grid gap-0.5" aria-label="Phones">
                      {phones.map((entry) => (
                        <li key={entry.phone}>
                          <Link
                            href={href({ channel: channel.id, phone: entry.phone })}
                            aria-current={entry.phone === phone ? "page" : undefined}
                            className={cn("block rounded-md px-3 py-2 text-sm hover:bg-muted", entry.phone === phone && "bg-muted font-medium")}
                          >
                            {entry.phone}
                            <span className="block text-xs text-muted-foreground">{entry.count} texts · <LocalTime value={entry.lastAt} /></span>
                          </Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </CardContent>
              </Card>
              <div className="grid content-start gap-6">
                {phone ? (
                  <Card aria-labelledby="sandbox-thread">
                    <CardHeader>
                      <CardTitle id="sandbox-thread">{phone}</CardTitle>
                      <CardDescription>What this phone received and sent.</CardDescription>
                    </CardHeader>
                    <CardContent className="grid gap-4">
                      <ol className="grid gap-2" aria-label={`Texts with ${phone}`}>
                        {thread.map((text) => (
                          <li key={text.id} className={cn("flex", text.direction === "inbound" ? "justify-end" : "justify-start")}>
                            <div
                              data-direction={text.direction}
                              className={cn(
                                "max-w-[80%] rounded-2xl px-3 py-2 text-sm whitespace-pre-wrap",
                                text.direction === "inbound" ? "bg-primary text-primary-foreground" : "bg-muted text-foreground",
                              )}
                            >
                              <span className="sr-only">{text.direction === "inbound" ? "Sent by the phone: " : "Received by the phone: "}</span>
                              {text.body}
                              <span className={cn("mt-1 block text-[0.7rem]", text.direction === "inbound" ? "text-primary-foreground" : "text-muted-foreground")}>
                                <LocalTime value={text.createdAt} />
                              </span>
                            </div>
                          </li>
                        ))}
                      </ol>
                      <SandboxReplyForm workspaceId={workspace.id} channelId={channel.id} phone={phone} />
                    </CardContent>
                  </Card>
                ) : null}
                <Card aria-labelledby="sandbox-new">
                  <CardHeader>
                    <CardTitle id="sandbox-new">Text from a phone</CardTitle>
                    <CardDescription>A new number becomes a new contact; a known one replies as that contact.</CardDescription>
                  </CardHeader>
                  <CardContent>
                    <SandboxReplyForm workspaceId={workspace.id} channelId={channel.id} />
                  </CardContent>
                </Card>
              </div>
            </div>
            <AutoRefresh />
          </>
        )}
      </div>
    </>
  );
}
