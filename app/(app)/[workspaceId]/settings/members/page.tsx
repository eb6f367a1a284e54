import { MailPlus, Users } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { ROLE_LABELS } from "@/lib/members/role-labels";
import { InvitationActions } from "@/components/people/invitation-actions";
import { InviteForm } from "@/components/people/invite-form";
import { MemberControls } from "@/components/people/member-controls";
import { PeopleSubnav } from "@/components/people/people-subnav";
import { LocalTime } from "@/components/time/local-time";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { listTeams } from "@/lib/db/queries/workspace-directory";
import { listPendingInvitations } from "@/lib/invitations/pending-invitations";
import { listMembersWithTeams } from "@/lib/members/member-directory";
import { canManageMember, invitableRoles, rolesFor } from "@/lib/members/member-permissions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { user, workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/members`);
  const canManage = BUILDER_ROLES.includes(role);
  const [members, invitations, teams] = await Promise.all([
    listMembersWithTeams(workspace.id),
    canManage ? listPendingInvitations(workspace.id) : Promise.resolve([]),
    listTeams(workspace.id),
  ]);

  return (
    <>
      <PageHeader title="Members" description={`People with access to ${workspace.name}, their roles and teams.`} />
      <PeopleSubnav workspaceId={workspace.id} current="members" showAuditLog={canManage} />
      <div className="mx-auto grid max-w-4xl gap-6 px-4 py-6 sm:px-6">
        {canManage ? (
          <Card aria-labelledby="members-invite">
            <CardHeader>
              <CardTitle id="members-invite">Invite people</CardTitle>
              <CardDescription>They get an email with a link to join, valid for 7 days. No mail server? Copy the link from Pending invitations instead.</CardDescription>
            </CardHeader>
            <CardContent>
              <InviteForm workspaceId={workspace.id} roles={invitableRoles(role)} teams={teams} />
            </CardContent>
          </Card>
        ) : null}

        {canManage ? (
          <Card aria-labelledby="members-pending">
            <CardHeader>
              <CardTitle id="members-pending">Pending invitations</CardTitle>
              <CardDescription>
                Parley keeps only a fingerprint of each link, so “Copy link” and “Resend” make a new link; the previous one stops working.
              </CardDescription>
            </CardHeader>
            <CardContent className="px-0 pb-2">
              {invitations.length === 0 ? (
                <EmptyState headingLevel="h3" icon={MailPlus} className="py-8" title="No pending invitations" description="Invitations waiting to be accepted appear here." />
              ) : (
                <ul className="divide-y border-t" aria-label="Pending invitations">
                  {invitations.map((invitation) => (
                    <li key={invitation.id} className="grid gap-3 px-5 py-3 sm:grid-cols-[1fr_auto] sm:items-start">
                      <div className="min-w-0">
                        <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                          <span className="truncate">{invitation.email}</span>
                          <Badge variant={invitation.role === "agent" ? "neutral" : "primary"}>{ROLE_LABELS[invitation.role]}</Badge>
                          {invitation.expired ? <Badge variant="warning">Expired</Badge> : null}
                        </p>
                        <p className="mt-0.5 text-sm text-muted-foreground">
                          {invitation.invitedBy ? `Invited by ${invitation.invitedBy}` : "Invited"}
                          {invitation.teams.length ? ` · ${invitation.teams.join(", ")}` : ""} · {invitation.expired ? "expired " : "link valid until "}
                          <LocalTime value={invitation.expiresAt} />
                        </p>
                      </div>
                      {canManageMember(role, invitation.role) ? (
                        <InvitationActions workspaceId={workspace.id} invitationId={invitation.id} email={invitation.email} />
                      ) : (
                        <p className="text-xs text-muted-foreground sm:text-right">Only owners handle this invitation.</p>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        ) : null}

        <Card aria-labelledby="members-list">
          <CardHeader>
            <CardTitle id="members-list">Members</CardTitle>
            <CardDescription>
              {members.length} {members.length === 1 ? "person has" : "people have"} access to this workspace.
              {role === "admin" ? " Admins manage agents; owners change roles." : ""}
            </CardDescription>
          </CardHeader>
          <CardContent className="px-0 pb-2">
            {members.length === 0 ? (
              <EmptyState headingLevel="h3" icon={Users} className="py-8" title="No members" description="Invite someone above." />
            ) : (
              <ul className="divide-y border-t" aria-label="Members">
                {members.map((member) => {
                  const roles = rolesFor(role, member.role);
                  const canRemove = canManageMember(role, member.role);
                  return (
                    <li key={member.id} data-member={member.email} className="grid gap-3 px-5 py-3 sm:grid-cols-[1fr_auto] sm:items-center">
                      <div className="flex min-w-0 items-center gap-3">
                        <Avatar name={member.name} src={member.avatarUrl} decorative />
                        <div className="min-w-0">
                          <p className="flex flex-wrap items-center gap-x-2 text-sm font-medium">
                            <span className="truncate">
                              {member.name}
                              {member.id === user.id ? <span className="font-normal text-muted-foreground"> (you)</span> : null}
                            </span>
                            {roles.length > 1 ? null : <Badge variant={member.role === "agent" ? "neutral" : "primary"}>{ROLE_LABELS[member.role]}</Badge>}
                          </p>
                          <p className="truncate text-sm text-muted-foreground">{member.email}</p>
                          {member.teams.length ? <p className="truncate text-xs text-muted-foreground">Teams: {member.teams.map((team) => team.name).join(", ")}</p> : null}
                        </div>
                      </div>
                      {roles.length > 1 || canRemove ? (
                        <MemberControls
                          workspaceId={workspace.id}
                          workspaceName={workspace.name}
                          member={{ id: member.id, name: member.name, role: member.role }}
                          roles={roles}
                          canRemove={canRemove}
                          isSelf={member.id === user.id}
                        />
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
