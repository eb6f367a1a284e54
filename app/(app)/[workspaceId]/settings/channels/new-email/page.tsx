import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { EmailChannelForm } from "@/components/third-party/email-channel-form";
import { ThirdPartySubnav } from "@/components/third-party/settings-subnav";
import { Card, CardContent } from "@/components/ui/card";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { mailDeliverySummary } from "@/lib/mail/mail-delivery";

export const metadata: Metadata = { title: "New email channel" };

export default async function NewEmailChannelPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/channels/new-email`);
  const delivery = mailDeliverySummary();
  return (
    <>
      <PageHeader title="New email channel" description="Contacts receive emails from this address and their replies come back into the inbox." />
      <ThirdPartySubnav workspaceId={workspace.id} current="channels" />
      <div className="mx-auto max-w-2xl px-6 py-6">
        <Card>
          <CardContent>
            {BUILDER_ROLES.includes(role) ? (
              <EmailChannelForm workspaceId={workspace.id} defaultSmtp={delivery.mode === "smtp" ? delivery.host : null} />
            ) : (
              <p className="text-sm text-muted-foreground">Only workspace owners and admins can add channels.</p>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
