import { MessagesSquare } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { PLAN_LABELS, PlanBadge } from "@/components/app-shell/plan-badge";
import { ROLE_LABELS } from "@/components/app-shell/signed-in-agent";
import { RenameWorkspaceForm } from "@/components/settings/rename-workspace-form";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BUILDER_ROLES, listWorkspaceMembers } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { user, workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings`);
  const members = await listWorkspaceMembers(workspace.id);
  // The server action checks the role again; hiding the form only spares agents a refusal.
  const canEdit = BUILDER_ROLES.includes(role);

  return (
    <>
      <PageHeader title="Settings" description={`Workspace settings for ${workspace.name}.`} />
      <div className="mx-auto grid max-w-3xl gap-6 px-6 py-6">
        <Card aria-labelledby="settings-workspace">
          <CardHeader>
            <CardTitle id="settings-workspace">Workspace</CardTitle>
            {canEdit ? null : (
              <CardDescription>Only workspace owners and admins can change these settings.</CardDescription>
            )}
          </CardHeader>
          <CardContent className="grid gap-5">
            <dl className="grid gap-4 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="font-medium text-muted-foreground">Name</dt>
              <dd>{workspace.name}</dd>
              <dt className="font-medium text-muted-foreground">Plan</dt>
              <dd className="flex flex-wrap items-center gap-2">
                <PlanBadge plan={workspace.plan} />
                <span className="text-muted-foreground">
                  {workspace.plan === "enterprise"
                    ? "Third-party channel integrations are included."
                    : `Upgrade from ${PLAN_LABELS.free} to ${PLAN_LABELS.enterprise} to create conversations in third-party systems.`}
                </span>
              </dd>
            </dl>
            {canEdit ? <RenameWorkspaceForm workspaceId={workspace.id} name={workspace.name} /> : null}
          </CardContent>
        </Card>

        <Card aria-labelledby="settings-members">
          <CardHeader>
            <CardTitle id="settings-members">Members</CardTitle>
            <CardDescription>
              {members.length} {members.length === 1 ? "person has" : "people have"} access to this workspace.
            </CardDescription>
          </CardHeader>
          <CardContent className="px-0 pb-2">
            <ul className="divide-y" aria-label="Members">
              {members.map((member) => (
                <li key={member.id} className="flex items-center gap-3 px-5 py-3">
                  <Avatar name={member.name} src={member.avatarUrl} decorative />
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium">
                      {member.name}
                      {member.id === user.id ? <span className="font-normal text-muted-foreground"> (you)</span> : null}
                    </p>
                    <p className="truncate text-sm text-muted-foreground">{member.email}</p>
                  </div>
                  <Badge variant={member.role === "agent" ? "neutral" : "primary"}>{ROLE_LABELS[member.role]}</Badge>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>

        <Card aria-labelledby="settings-conversations">
          <CardHeader>
            <CardTitle id="settings-conversations">Conversations</CardTitle>
            <CardDescription>Channels contacts reach you on, and the third-party systems they connect to.</CardDescription>
          </CardHeader>
          <CardContent>
            <EmptyState
              headingLevel="h3"
              icon={MessagesSquare}
              className="py-8"
              title="Channels will be managed here"
              description={
                <p>
                  Chat channels with their public chat page and embed snippet, SMS channels, and each channel&apos;s
                  integration: the webhook that tells a third-party system about conversations and their messages.
                </p>
              }
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
