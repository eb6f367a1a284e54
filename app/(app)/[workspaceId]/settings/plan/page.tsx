import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { PlanBadge } from "@/components/app-shell/plan-badge";
import { PlanForm } from "@/components/third-party/plan-form";
import { ThirdPartySubnav } from "@/components/third-party/settings-subnav";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { isEnterprise } from "@/lib/plans/plan";

export const metadata: Metadata = { title: "Plan" };

export default async function PlanPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/plan`);
  return (
    <>
      <PageHeader title="Plan" description="There is no billing in Parley: the workspace owner chooses the plan." />
      <ThirdPartySubnav workspaceId={workspace.id} current="plan" />
      <div className="mx-auto grid max-w-3xl gap-6 px-6 py-6">
        <Card aria-labelledby="plan-current">
          <CardHeader>
            <CardTitle id="plan-current" className="flex items-center gap-2">
              Current plan <PlanBadge plan={workspace.plan} />
            </CardTitle>
            <CardDescription>
              {role === "owner" ? "Switch between Free and Enterprise at any time." : "Only the workspace owner can change the plan."}
            </CardDescription>
          </CardHeader>
          <CardContent>
            {role === "owner" ? (
              <PlanForm workspaceId={workspace.id} plan={workspace.plan} />
            ) : (
              <p className="text-sm text-muted-foreground">
                {isEnterprise(workspace.plan)
                  ? "Channel integrations and third-party options are available."
                  : "Channel integrations and third-party options need the Enterprise plan."}
              </p>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
