import { MessagesSquare } from "lucide-react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { AllowedWebsitesForm } from "@/components/channels/allowed-websites-form";
import { ChannelNameForm } from "@/components/channels/channel-name-form";
import { CopySnippet } from "@/components/channels/copy-snippet";
import { PageHeader } from "@/components/app-shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { listEmailChannels } from "@/lib/email/email-channels";
import { EmailOpenTrackingForm } from "@/components/channels/email-open-tracking-form";
import { isEmailOpenTrackingOn } from "@/lib/outreach-status/email-open-tracking";
import { readEnv } from "@/lib/env";
import { getDb } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { and, asc, eq } from "drizzle-orm";

export const metadata: Metadata = { title: "Settings › Conversations" };

/** Where the app is reached from outside, for snippets a site owner pastes elsewhere. */
async function publicOrigin(): Promise<string> {
  const configured = readEnv().NEXTAUTH_URL;
  if (configured) return configured.replace(/\/$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

export default async function ConversationSettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/conversations`);
  // Agents may read the channels; only owners and admins change them (the actions check again).
  const canEdit = BUILDER_ROLES.includes(role);
  const origin = await publicOrigin();
  const emailChannels = await listEmailChannels(getDb(), workspace.id);
  const tracksOpens = await isEmailOpenTrackingOn(getDb(), workspace.id);
  const chatChannels = await getDb()
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, workspace.id), eq(channels.kind, "chat")))
    .orderBy(asc(channels.createdAt), asc(channels.name));

  return (
    <>
      <PageHeader
        title="Conversations"
        description={
          <>
            <Link href={`/${workspace.id}/settings`} className="underline-offset-4 hover:underline">
              Settings
            </Link>{" "}
            › The chat and email channels contacts reach you on, and how to put the chat on a website.
          </>
        }
        actions={
          <>
            <Button asChild variant="outline" size="sm">
              <Link href={`/${workspace.id}/settings/integrations`}>Integrations</Link>
            </Button>
            {canEdit ? (
              <Button asChild variant="outline" size="sm">
                <Link href={`/${workspace.id}/settings/channels/new-sms`}>Add an SMS channel</Link>
              </Button>
            ) : null}
            {canEdit ? (
              <Button asChild variant="outline" size="sm">
                <Link href={`/${workspace.id}/settings/channels/new-email`}>Add an email channel</Link>
              </Button>
            ) : null}
          </>
        }
      />
      <div className="mx-auto grid max-w-3xl gap-6 px-6 py-6">
        <Card aria-labelledby="email-open-tracking">
          <CardHeader>
            <CardTitle id="email-open-tracking">Email opens</CardTitle>
            <CardDescription>Off unless you turn it on. Applies to the first email of workflow conversations only.</CardDescription>
          </CardHeader>
          <CardContent>
            <EmailOpenTrackingForm workspaceId={workspace.id} enabled={tracksOpens} readOnly={!canEdit} />
          </CardContent>
        </Card>
        {canEdit ? (
          <Card aria-labelledby="new-channel">
            <CardHeader>
              <CardTitle id="new-channel">Add a chat channel</CardTitle>
              <CardDescription>Each chat channel has its own public chat page, embed snippet and identity secret.</CardDescription>
            </CardHeader>
            <CardContent>
              <ChannelNameForm workspaceId={workspace.id} mode="create" />
            </CardContent>
          </Card>
        ) : (
          <p className="text-sm text-muted-foreground">Only workspace owners and admins can add or change channels.</p>
        )}

        {emailChannels.length > 0 ? (
          <Card aria-labelledby="email-channels">
            <CardHeader>
              <CardTitle id="email-channels">Email channels</CardTitle>
              <CardDescription>Start a Conversation sends from these addresses; replies come back into the inbox.</CardDescription>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-2 text-sm" aria-label="Email channels">
                {emailChannels.map((channel) => (
                  <li key={channel.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <Link href={`/${workspace.id}/settings/channels/${channel.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                      {channel.name}
                    </Link>
                    <span className="text-muted-foreground">{channel.email ? `${channel.email.fromAddress} · replies to reply+…@${channel.email.replyDomain}` : "Not configured"}</span>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        ) : null}

        {chatChannels.length === 0 ? (
          <EmptyState icon={MessagesSquare} title="No chat channels yet" description={<p>Add one to get a chat page and an embed snippet.</p>} />
        ) : (
          chatChannels.map((channel) => {
            const chatUrl = `${origin}/chat/${channel.id}`;
            const scriptSnippet = `<script src="${origin}/chat/embed.js" data-parley-channel="${channel.id}" async></script>`;
            const identifiedSnippet = `<script src="${origin}/chat/embed.js" data-parley-channel="${channel.id}"\n  data-user-id="CUSTOMER_ID_OR_EMAIL" data-user-hash="HMAC_SHA256_HEX_OF_IT" async></script>`;
            const iframeSnippet = `<iframe src="${chatUrl}" title="Chat with us" style="width:380px;height:600px;border:0"></iframe>`;
            const headingId = `channel-${channel.id}`;
            return (
              <Card key={channel.id} aria-labelledby={headingId} data-channel-id={channel.id}>
                <CardHeader>
                  <CardTitle id={headingId} className="flex items-center gap-2">
                    {channel.name}
                    {channel.isDefault ? <Badge variant="primary">Default</Badge> : null}
                  </CardTitle>
                  <CardDescription>
                    Chat page:{" "}
                    <a href={chatUrl} target="_blank" rel="noopener noreferrer" className="break-all text-primary underline-offset-4 hover:underline">
                      {chatUrl}
                    </a>
                    {" · "}
                    <Link href={`/${workspace.id}/settings/channels/${channel.id}/integration`} className="text-primary underline underline-offset-4">
                      Integration<span className="sr-only"> of {channel.name}</span>
                    </Link>
                  </CardDescription>
                </CardHeader>
                <CardContent className="grid gap-5">
                  {canEdit ? <ChannelNameForm workspaceId={workspace.id} mode="rename" channelId={channel.id} name={channel.name} /> : null}
                  <CopySnippet label={`Embed snippet for ${channel.name}`} value={scriptSnippet} rows={2} />
                  <AllowedWebsitesForm
                    workspaceId={workspace.id}
                    channelId={channel.id}
                    channelName={channel.name}
                    origins={channel.allowedOrigins}
                    canEdit={canEdit}
                  />
                  <details className="text-sm">
                    <summary className="cursor-pointer font-medium">Identify signed-in customers, or embed with an iframe</summary>
                    <div className="mt-3 grid gap-4">
                      <p className="text-muted-foreground">
                        To show a signed-in customer their own messages, pass their external id (or email) and its signature:
                        the lowercase hex HMAC-SHA256 of that id, keyed with this channel&apos;s identity secret, computed on your
                        server. A missing or wrong signature is refused.
                      </p>
                      <CopySnippet label={`Snippet with identity for ${channel.name}`} value={identifiedSnippet} rows={3} />
                      <CopySnippet label={`Iframe snippet for ${channel.name}`} value={iframeSnippet} rows={2} />
                      {canEdit ? (
                        <CopySnippet label={`Identity secret for ${channel.name}`} value={channel.identitySecret} rows={1} />
                      ) : (
                        <p className="text-muted-foreground">Ask a workspace admin for the identity secret.</p>
                      )}
                    </div>
                  </details>
                </CardContent>
              </Card>
            );
          })
        )}
      </div>
    </>
  );
}
