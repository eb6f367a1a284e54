import { and, eq } from "drizzle-orm";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/app-shell/page-header";
import { ThirdPartySubnav } from "@/components/third-party/settings-subnav";
import { EmailChannelForm } from "@/components/third-party/email-channel-form";
import { RotateInboundSecret } from "@/components/third-party/rotate-inbound-secret";
import { SmsChannelForm } from "@/components/third-party/sms-channel-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { publicEmailConfig, readEmailConfig } from "@/lib/email/channel-config";
import { mailDeliverySummary } from "@/lib/mail/mail-delivery";
import { publicSmsConfig, readSmsConfig } from "@/lib/sms/channel-config";
import { CHANNEL_KIND_LABELS } from "@/lib/workflow/customer-destination";
import { channelWebhookUrl } from "@/lib/channels/channel-webhook-url";

export const metadata: Metadata = { title: "Channel" };

export default async function ChannelPage({ params }: { params: Promise<{ workspaceId: string; channelId: string }> }) {
  const { workspaceId, channelId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/channels/${channelId}`);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(channelId)) notFound();
  const [channel] = await getDb().select().from(channels).where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspace.id)));
  if (!channel) notFound();
  const canEdit = BUILDER_ROLES.includes(role);
  const sms = channel.kind === "sms" ? readSmsConfig(channel.config) : null;
  const shown = sms ? publicSmsConfig(sms) : null;
  const email = channel.kind === "email" ? readEmailConfig(channel.config) : null;
  const delivery = mailDeliverySummary();

  return (
    <>
      <PageHeader
        title={channel.name}
        description={`${CHANNEL_KIND_LABELS[channel.kind]} channel`}
        actions={
          <Button asChild variant="outline">
            <Link href={`/${workspace.id}/settings/channels/${channel.id}/integration`}>Integration</Link>
          </Button>
        }
      />
      <ThirdPartySubnav workspaceId={workspace.id} current="channels" />
      <div className="mx-auto grid max-w-2xl gap-6 px-6 py-6">
        {channel.kind === "chat" ? (
          <Card>
            <CardContent className="grid gap-2 text-sm">
              <p>The chat page, embed snippet and identity secret of this channel are managed in Settings › Conversations.</p>
              <p>
                <Link href={`/${workspace.id}/settings/conversations`} className="text-primary underline underline-offset-4">Open Settings › Conversations</Link>
              </p>
            </CardContent>
          </Card>
        ) : channel.kind === "email" ? (
          <>
            <Card aria-labelledby="email-settings">
              <CardHeader>
                <CardTitle id="email-settings">Email settings</CardTitle>
                {!email ? <CardDescription>This channel&apos;s settings are unreadable; emails cannot be sent.</CardDescription> : null}
              </CardHeader>
              <CardContent>
                {email && canEdit ? (
                  <EmailChannelForm
                    workspaceId={workspace.id}
                    defaultSmtp={delivery.mode === "smtp" ? delivery.host : null}
                    initial={{ channelId: channel.id, name: channel.name, ...publicEmailConfig(email) }}
                  />
                ) : (
                  <p className="text-sm text-muted-foreground">
                    {email ? `From ${email.fromAddress} · replies to reply+…@${email.replyDomain} · ${email.ratePerSecond} per second` : "Not configured."}
                  </p>
                )}
              </CardContent>
            </Card>
            <Card aria-labelledby="email-inbound">
              <CardHeader>
                <CardTitle id="email-inbound">Receiving replies</CardTitle>
                <CardDescription>
                  Point the reply domain&apos;s MX record at Parley&apos;s SMTP listener, or have your mail provider (Mailgun, Postmark,
                  SendGrid) forward each email&apos;s raw MIME to the webhook below with the channel&apos;s secret.
                </CardDescription>
              </CardHeader>
              <CardContent className="grid gap-3 text-sm">
                <p>
                  Inbound webhook: <code className="font-mono text-xs break-all">{channelWebhookUrl(channel.id, { kind: "email", endpoint: "inbound" }) ?? `/api/email/${channel.id}/inbound`}</code>
                </p>
                <p className="text-muted-foreground">
                  POST the raw email (Content-Type: message/rfc822) with <code className="font-mono text-xs">Authorization: Bearer &lt;secret&gt;</code>.
                </p>
                {canEdit ? <RotateInboundSecret workspaceId={workspace.id} channelId={channel.id} /> : null}
                {email?.transport.kind === "sandbox" || (email?.transport.kind === "default" && delivery.mode === "sandbox") ? (
                  <p>
                    <Link href={`/${workspace.id}/settings/email-sandbox`} className="text-primary underline underline-offset-4">Open the Email sandbox</Link>
                  </p>
                ) : null}
              </CardContent>
            </Card>
          </>
        ) : (
          <>
            <Card aria-labelledby="sms-provider">
              <CardHeader>
                <CardTitle id="sms-provider">Provider</CardTitle>
                {!sms ? <CardDescription>This channel&apos;s provider settings are missing; texts cannot be sent until they are saved.</CardDescription> : null}
              </CardHeader>
              <CardContent>
                {canEdit ? (
                  <SmsChannelForm
                    workspaceId={workspace.id}
                    initial={{
                      channelId: channel.id,
                      name: channel.name,
                      provider: sms?.provider ?? "sandbox",
                      fromNumber: sms?.fromNumber ?? "",
                      helpText: sms?.helpText ?? "",
                      ratePerSecond: sms?.ratePerSecond,
                      ...(shown && "accountSid" in shown ? { accountSid: shown.accountSid, baseUrl: shown.baseUrl, hasAuthToken: shown.hasAuthToken } : {}),
                    }}
                  />
                ) : (
                  <p className="text-sm text-muted-foreground">{sms ? `${sms.provider === "sandbox" ? "SMS sandbox" : "Twilio-compatible"} · from ${sms.fromNumber} · ${sms.ratePerSecond} per second` : "Not configured."}</p>
                )}
              </CardContent>
            </Card>
            {sms?.provider === "twilio" ? (
              <Card aria-labelledby="sms-webhooks">
                <CardHeader>
                  <CardTitle id="sms-webhooks">Provider webhooks</CardTitle>
                  <CardDescription>Set these on the number in your provider&apos;s console. Requests must carry a valid X-Twilio-Signature.</CardDescription>
                </CardHeader>
                <CardContent className="grid gap-2 text-sm">
                  <p>Incoming messages: <code className="font-mono text-xs break-all">{channelWebhookUrl(channel.id, { kind: "sms", endpoint: "inbound" }) ?? `/api/sms/${channel.id}/inbound`}</code></p>
                  <p>Status callbacks are sent with each message: <code className="font-mono text-xs break-all">{channelWebhookUrl(channel.id, { kind: "sms", endpoint: "status" }) ?? `/api/sms/${channel.id}/status`}</code></p>
                </CardContent>
              </Card>
            ) : sms ? (
              <p className="text-sm">
                <Link href={`/${workspace.id}/settings/sms-sandbox?channel=${channel.id}`} className="text-primary underline underline-offset-4">Open the SMS sandbox</Link>
              </p>
            ) : null}
          </>
        )}
      </div>
    </>
  );
}
