import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/app-shell/page-header";
import { AutoRefresh } from "@/components/third-party/auto-refresh";
import { DeliveryLog } from "@/components/third-party/delivery-log";
import { EnterpriseLock } from "@/components/third-party/enterprise-lock";
import { IntegrationActions } from "@/components/third-party/integration-actions";
import { IntegrationForm } from "@/components/third-party/integration-form";
import { ThirdPartySubnav } from "@/components/third-party/settings-subnav";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";
import { SafeError } from "@/lib/errors";
import { isEnterprise } from "@/lib/plans/plan";
import { channelIntegration, listDeliveries } from "@/lib/webhooks/integrations";

export const metadata: Metadata = { title: "Channel integration" };

type Params = { workspaceId: string; channelId: string };

async function load(workspaceId: string, channelId: string) {
  try {
    return await channelIntegration(getDb(), workspaceId, channelId);
  } catch (error) {
    if (error instanceof SafeError && error.status === 404) return null;
    throw error;
  }
}

export default async function ChannelIntegrationPage({ params }: { params: Promise<Params> }) {
  const { workspaceId, channelId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/channels/${channelId}/integration`);
  if (!/^[0-9a-f-]{36}$/i.test(channelId)) notFound();
  const found = await load(workspace.id, channelId);
  if (!found) notFound();
  const { channel, integration } = found;
  const canEdit = BUILDER_ROLES.includes(role);
  const enterprise = isEnterprise(workspace.plan);
  const deliveries = integration ? await listDeliveries(getDb(), workspace.id, integration.id) : [];

  return (
    <>
      <PageHeader
        title={`Integration · ${channel.name}`}
        description={
          <>
            Third-party system for the {channel.kind === "sms" ? "SMS" : channel.kind} channel{" "}
            <Link href={`/${workspace.id}/settings/channels/${channel.id}`} className="text-primary underline underline-offset-4">{channel.name}</Link>.
          </>
        }
      />
      <ThirdPartySubnav workspaceId={workspace.id} current="integrations" />
      <div className="mx-auto grid max-w-4xl gap-6 px-6 py-6">
        {!enterprise ? (
          <EnterpriseLock workspaceId={workspace.id} feature="Channel integrations" canChangePlan={role === "owner"}>
            Integrations send this channel&apos;s third-party conversations to another system as signed webhooks.
          </EnterpriseLock>
        ) : null}
        <Card aria-labelledby="integration-settings">
          <CardHeader>
            <CardTitle id="integration-settings">{integration ? "Settings" : "Connect a third-party system"}</CardTitle>
            <CardDescription>
              {canEdit ? "Changes apply to the next delivery." : "Only workspace owners and admins can change integrations."}
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            {canEdit && enterprise ? (
              <>
                <IntegrationForm
                  workspaceId={workspace.id}
                  channelId={channel.id}
                  existing={integration ? { name: integration.name, webhookUrl: integration.webhookUrl, events: integration.events, enabled: integration.enabled } : null}
                />
                {integration ? <IntegrationActions workspaceId={workspace.id} integrationId={integration.id} /> : null}
              </>
            ) : integration ? (
              <dl className="grid gap-2 text-sm sm:grid-cols-[8rem_1fr]">
                <dt className="text-muted-foreground">Name</dt>
                <dd>{integration.name}</dd>
                <dt className="text-muted-foreground">Webhook URL</dt>
                <dd className="break-all">{integration.webhookUrl}</dd>
                <dt className="text-muted-foreground">Events</dt>
                <dd>{integration.events.length ? integration.events.join(", ") : "All"}</dd>
              </dl>
            ) : (
              <p className="text-sm text-muted-foreground">No integration.</p>
            )}
          </CardContent>
        </Card>
        {integration ? (
          <Card aria-labelledby="integration-deliveries">
            <CardHeader>
              <CardTitle id="integration-deliveries">Delivery log</CardTitle>
              <CardDescription>The latest 50 deliveries. Failed ones can be sent again.</CardDescription>
            </CardHeader>
            <CardContent className="px-0 pb-2">
              <DeliveryLog workspaceId={workspace.id} deliveries={deliveries} canRedeliver={canEdit && enterprise} />
              <AutoRefresh />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
