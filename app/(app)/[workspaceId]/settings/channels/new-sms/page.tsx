import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { ThirdPartySubnav } from "@/components/third-party/settings-subnav";
import { SmsChannelForm } from "@/components/third-party/sms-channel-form";
import { Card, CardContent } from "@/components/ui/card";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";

export const metadata: Metadata = { title: "New SMS channel" };

export default async function NewSmsChannelPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/channels/new-sms`);
  return (
    <>
      <PageHeader title="New SMS channel" description="Contacts receive texts from this number and reply to it." />
      <ThirdPartySubnav workspaceId={workspace.id} current="channels" />
      <div className="mx-auto max-w-2xl px-6 py-6">
        <Card>
          <CardContent>
            {BUILDER_ROLES.includes(role) ? (
              <SmsChannelForm workspaceId={workspace.id} />
            ) : (
              <p className="text-sm text-muted-foreground">Only workspace owners and admins can add channels.</p>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
