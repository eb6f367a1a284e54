import { BookOpen, Gem, KeyRound, ListChecks, Mail, MessageSquareText, MessagesSquare, ScrollText, Users, UsersRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { PlanBadge } from "@/components/app-shell/plan-badge";
import { DeleteWorkspaceForm } from "@/components/settings/delete-workspace-form";
import { OutreachSettingsForm } from "@/components/settings/outreach-settings-form";
import { RenameWorkspaceForm } from "@/components/settings/rename-workspace-form";
import { SettingsLink } from "@/components/settings/settings-link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { BUILDER_ROLES, listWorkspaceMembers } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";
import { loadOutreachSettings } from "@/lib/outreach/outreach-settings";
import { isEnterprise, PLAN_LABELS } from "@/lib/plans/plan";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings`);
  const memberCount = (await listWorkspaceMembers(workspace.id)).length;
  // The server action checks the role again; hiding the form only spares agents a refusal.
  const canEdit = BUILDER_ROLES.includes(role);
  const canRename = role === "owner";
  const outreach = await loadOutreachSettings(getDb(), workspace.id);

  return (
    <>
      <PageHeader title="Settings" description={`Workspace settings for ${workspace.name}.`} />
      <div className="mx-auto grid max-w-3xl grid-cols-[minmax(0,1fr)] gap-6 px-6 py-6">
        <Card aria-labelledby="settings-workspace">
          <CardHeader>
            <CardTitle id="settings-workspace">Workspace</CardTitle>
            {canRename ? null : <CardDescription>Only workspace owners can rename the workspace.</CardDescription>}
          </CardHeader>
          <CardContent className="grid gap-5">
            {canRename ? <RenameWorkspaceForm workspaceId={workspace.id} name={workspace.name} /> : null}
            <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
              {canRename ? null : (
                <>
                  <dt className="font-medium text-muted-foreground">Name</dt>
                  <dd>{workspace.name}</dd>
                </>
              )}
              <dt className="font-medium text-muted-foreground">Plan</dt>
              <dd className="flex flex-wrap items-center gap-2">
                <PlanBadge plan={workspace.plan} />
                <span className="text-muted-foreground">
                  {isEnterprise(workspace.plan)
                    ? "Third-party channel integrations are included."
                    : `Upgrade from ${PLAN_LABELS.free} to ${PLAN_LABELS.enterprise} to create conversations in third-party systems.`}
                </span>
              </dd>
            </dl>
          </CardContent>
        </Card>

        <Card aria-labelledby="settings-people">
          <CardHeader>
            <CardTitle id="settings-people">People</CardTitle>
            <CardDescription>
              {memberCount} {memberCount === 1 ? "person has" : "people have"} access to this workspace.
            </CardDescription>
          </CardHeader>
          <CardContent className="px-0 pb-2">
            <ul className="divide-y border-t">
              <SettingsLink
                href={`/${workspace.id}/settings/members`}
                icon={Users}
                title="Members"
                description={canEdit ? "Invite people, change roles, remove access." : "Who is in this workspace, and their roles."}
              />
              <SettingsLink href={`/${workspace.id}/settings/teams`} icon={UsersRound} title="Teams" description="Queues of the inbox, and who is in each." />
              {canEdit ? (
                <SettingsLink href={`/${workspace.id}/settings/audit-log`} icon={ScrollText} title="Audit log" description="Who changed what, and when." />
              ) : null}
            </ul>
          </CardContent>
        </Card>

        <Card aria-labelledby="settings-contacts">
          <CardHeader>
            <CardTitle id="settings-contacts">Contacts</CardTitle>
          </CardHeader>
          <CardContent className="px-0 pb-2">
            <ul className="divide-y border-t">
              <SettingsLink
                href={`/${workspace.id}/settings/contact-attributes`}
                icon={ListChecks}
                title="Contact attributes"
                description="Custom fields with a type: text, number, date, yes/no or one of a list."
              />
            </ul>
          </CardContent>
        </Card>

        <Card aria-labelledby="settings-conversations">
          <CardHeader>
            <CardTitle id="settings-conversations">Conversations</CardTitle>
            <CardDescription>
              Chat channels contacts reach you on, their public chat page and embed snippet, and the third-party systems
              they connect to.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Button variant="outline" asChild>
              <Link href={`/${workspace.id}/settings/conversations`}>
                <MessagesSquare aria-hidden />
                Manage channels
              </Link>
            </Button>
          </CardContent>
          <CardContent className="px-0 pb-2">
            <ul className="divide-y border-t">
              <SettingsLink
                href={`/${workspace.id}/settings/saved-replies`}
                icon={MessageSquareText}
                title="Saved replies"
                description="Answers ready in any reply, with variables: yours, and the workspace's shared ones."
              />
            </ul>
          </CardContent>
        </Card>

        <Card aria-labelledby="settings-outreach">
          <CardHeader>
            <CardTitle id="settings-outreach">Outreach</CardTitle>
            <CardDescription>Guardrails on what workflows send, across all of them.</CardDescription>
          </CardHeader>
          <CardContent>
            {canEdit ? (
              <OutreachSettingsForm workspaceId={workspace.id} settings={outreach} />
            ) : (
              <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
                <dt className="font-medium text-muted-foreground">Time zone</dt>
                <dd>{outreach.timeZone}</dd>
                <dt className="font-medium text-muted-foreground">Frequency cap</dt>
                <dd>{outreach.frequencyCap ? `At most ${outreach.frequencyCap.messages} per contact in ${outreach.frequencyCap.days} days` : "Off"}</dd>
              </dl>
            )}
          </CardContent>
        </Card>

        {role === "owner" ? (
          <Card aria-labelledby="settings-mail">
            <CardHeader>
              <CardTitle id="settings-mail">Mail</CardTitle>
            </CardHeader>
            <CardContent className="px-0 pb-2">
              <ul className="divide-y border-t">
                <SettingsLink
                  href={`/${workspace.id}/settings/mail-sandbox`}
                  icon={Mail}
                  title="Mail sandbox"
                  description="Invitations and password resets Parley kept or sent, with their links."
                />
              </ul>
            </CardContent>
          </Card>
        ) : null}

        <Card aria-labelledby="settings-more">
          <CardHeader>
            <CardTitle id="settings-more">Plan and API</CardTitle>
          </CardHeader>
          <CardContent className="px-0 pb-2">
            <ul className="divide-y border-t">
              <SettingsLink href={`/${workspace.id}/settings/plan`} icon={Gem} title="Plan" description={`${PLAN_LABELS[workspace.plan]} plan`} />
              <SettingsLink
                href={`/${workspace.id}/settings/api-keys`}
                icon={KeyRound}
                title="API keys"
                description="Keys third-party systems use to start conversations and post messages."
              />
              <SettingsLink
                href={`/${workspace.id}/settings/api`}
                icon={BookOpen}
                title="API reference"
                description="The REST API, documented with OpenAPI."
              />
            </ul>
          </CardContent>
        </Card>

        {role === "owner" ? (
          <Card aria-labelledby="settings-delete" className="border-red-200">
            <CardHeader>
              <CardTitle id="settings-delete">Delete workspace</CardTitle>
              <CardDescription>Deletes everything in {workspace.name} for all its members. This cannot be undone.</CardDescription>
            </CardHeader>
            <CardContent>
              <DeleteWorkspaceForm workspaceId={workspace.id} name={workspace.name} />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
