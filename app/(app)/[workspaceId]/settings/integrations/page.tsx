import { PlugZap } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { EnterpriseLock } from "@/components/third-party/enterprise-lock";
import { ThirdPartySubnav } from "@/components/third-party/settings-subnav";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { CHANNEL_KIND_LABELS } from "@/lib/workflow/customer-destination";
import { getDb } from "@/lib/db/client";
import { isEnterprise } from "@/lib/plans/plan";
import { listIntegrations } from "@/lib/webhooks/integrations";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/integrations`);
  const rows = await listIntegrations(getDb(), workspace.id);
  const canEdit = BUILDER_ROLES.includes(role);

  return (
    <>
      <PageHeader
        title="Integrations"
        description="Each channel can tell one third-party system (a bot platform, a CRM) about its conversations through signed webhooks."
        actions={
          canEdit ? (
            <Button asChild variant="outline">
              <Link href={`/${workspace.id}/settings/channels/new-sms`}>Add an SMS channel</Link>
            </Button>
          ) : null
        }
      />
      <ThirdPartySubnav workspaceId={workspace.id} current="integrations" />
      <div className="mx-auto grid max-w-4xl gap-6 px-6 py-6">
        {!isEnterprise(workspace.plan) ? (
          <EnterpriseLock workspaceId={workspace.id} feature="Channel integrations" canChangePlan={role === "owner"}>
            With Enterprise, a conversation started with “Create conversation in integrated 3rd party systems” is sent to the
            channel&apos;s integration as it happens: created, every message, opened and closed, signed so the receiver can trust it.
          </EnterpriseLock>
        ) : null}
        <Card aria-labelledby="integrations-channels">
          <CardHeader>
            <CardTitle id="integrations-channels">Channels</CardTitle>
            <CardDescription>Only workspace owners and admins can change integrations.</CardDescription>
          </CardHeader>
          <CardContent className="px-0 pb-2">
            {rows.length === 0 ? (
              <EmptyState headingLevel="h3" icon={PlugZap} className="py-8" title="No channels" description="Create a chat, SMS or email channel first." />
            ) : (
              <ul className="divide-y" aria-label="Channels and their integrations">
                {rows.map((row) => (
                  <li key={row.channelId} className="flex flex-wrap items-center gap-3 px-5 py-3">
                    <div className="min-w-0 flex-1">
                      <p className="flex items-center gap-2 text-sm font-medium">
                        {row.channelName} <Badge variant="outline">{CHANNEL_KIND_LABELS[row.channelKind]}</Badge>
                      </p>
                      <p className="truncate text-sm text-muted-foreground">
                        {row.integrationId ? `${row.name} → ${row.webhookUrl}` : "No integration"}
                      </p>
                    </div>
                    {row.integrationId ? (
                      row.enabled ? <Badge variant="success">Enabled</Badge> : <Badge>Disabled</Badge>
                    ) : null}
                    {row.failed > 0 ? <Badge variant="destructive">{row.failed} failed</Badge> : null}
                    <Button asChild size="sm" variant="outline">
                      <Link href={`/${workspace.id}/settings/channels/${row.channelId}/integration`} aria-label={`${row.integrationId ? "Open" : "Set up"} the integration of ${row.channelName}`}>
                        {row.integrationId ? "Open" : "Set up"}
                      </Link>
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
