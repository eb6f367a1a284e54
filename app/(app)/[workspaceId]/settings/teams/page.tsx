import { Inbox, UsersRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { AgentCapForm } from "@/components/people/agent-cap-form";
import { DeleteTeamButton } from "@/components/people/delete-team-button";
import { PeopleSubnav } from "@/components/people/people-subnav";
import { AddTeamMember, RemoveTeamMember } from "@/components/people/team-member-controls";
import { TeamNameForm } from "@/components/people/team-name-form";
import { TeamRoundRobinForm } from "@/components/people/team-round-robin-form";
import { Avatar } from "@/components/ui/avatar";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BUILDER_ROLES, listWorkspaceMembers } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";
import { inboxPath } from "@/lib/inbox/views";
import { listAgentCaps, listTeamRoundRobin } from "@/lib/round-robin/round-robin-settings";
import { listTeamsWithMembers } from "@/lib/teams/team-directory";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/teams`);
  const canManage = BUILDER_ROLES.includes(role);
  const [teams, members, roundRobin, caps] = await Promise.all([
    listTeamsWithMembers(workspace.id),
    listWorkspaceMembers(workspace.id),
    listTeamRoundRobin(getDb(), workspace.id),
    listAgentCaps(getDb(), workspace.id),
  ]);

  return (
    <>
      <PageHeader title="Teams" description="Teams are queues in the inbox: conversations assigned to a team wait in its view until someone takes them." />
      <PeopleSubnav workspaceId={workspace.id} current="teams" showAuditLog={canManage} />
      <div className="mx-auto grid max-w-4xl gap-6 px-4 py-6 sm:px-6">
        {canManage ? (
          <Card aria-labelledby="teams-new">
            <CardHeader>
              <CardTitle id="teams-new">Create a team</CardTitle>
            </CardHeader>
            <CardContent>
              <TeamNameForm workspaceId={workspace.id} mode="create" />
            </CardContent>
          </Card>
        ) : (
          <p className="text-sm text-muted-foreground">Only workspace owners and admins can change teams.</p>
        )}

        {teams.length === 0 ? (
          <EmptyState icon={UsersRound} title="No teams yet" description={canManage ? "Create one above, then add people to it." : "Owners and admins create teams."} />
        ) : (
          teams.map((team) => {
            const inTeam = new Set(team.members.map((member) => member.id));
            const candidates = members.filter((member) => !inTeam.has(member.id)).map(({ id, name }) => ({ id, name }));
            const headingId = `team-${team.id}`;
            const teamCap = roundRobin.get(team.id)?.maxOpen ?? 10;
            return (
              <Card key={team.id} aria-labelledby={headingId} data-team={team.name}>
                <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <CardTitle id={headingId} className="truncate">
                      {team.name}
                    </CardTitle>
                    <CardDescription>
                      {team.members.length} {team.members.length === 1 ? "member" : "members"}
                    </CardDescription>
                  </div>
                  <Link href={inboxPath(workspace.id, { kind: "team", teamId: team.id })} className="inline-flex items-center gap-1.5 text-sm font-medium text-primary underline-offset-4 hover:underline">
                    <Inbox className="size-4" aria-hidden />
                    Open team inbox
                  </Link>
                </CardHeader>
                <CardContent className="grid gap-4">
                  {team.members.length > 0 ? (
                    <ul className="divide-y rounded-md border" aria-label={`Members of ${team.name}`}>
                      {team.members.map((member) => (
                        <li key={member.id} className="flex items-center gap-3 px-3 py-2">
                          <Avatar name={member.name} src={member.avatarUrl} size="sm" decorative />
                          <span className="min-w-0 flex-1 truncate text-sm">{member.name}</span>
                          {canManage ? <RemoveTeamMember workspaceId={workspace.id} team={team} member={member} /> : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="text-sm text-muted-foreground">No one is in this team yet.</p>
                  )}
                  {canManage ? (
                    <>
                      <AddTeamMember workspaceId={workspace.id} team={{ id: team.id, name: team.name }} candidates={candidates} />
                      <div className="grid gap-4 border-t pt-4">
                        <TeamRoundRobinForm workspaceId={workspace.id} team={{ id: team.id, name: team.name }} enabled={roundRobin.get(team.id)?.enabled ?? false} maxOpen={teamCap} />
                        {team.members.length > 0 ? (
                          <section className="grid gap-1.5" aria-labelledby={`${headingId}-caps`}>
                            <h3 id={`${headingId}-caps`} className="text-sm font-medium">
                              Per agent
                            </h3>
                            <p className="text-xs text-muted-foreground">An agent&apos;s own cap of open conversations instead of the team default; blank uses the default. It is the agent&apos;s, so it holds in each of their teams.</p>
                            <div className="divide-y rounded-md border">
                              {team.members.map((member) => (
                                <AgentCapForm key={member.id} workspaceId={workspace.id} member={member} maxOpen={caps.get(member.id) ?? null} teamDefault={teamCap} />
                              ))}
                            </div>
                          </section>
                        ) : null}
                      </div>
                      <div className="grid gap-3 border-t pt-4 sm:grid-cols-[1fr_auto] sm:items-end">
                        <TeamNameForm workspaceId={workspace.id} mode="rename" teamId={team.id} name={team.name} />
                        <DeleteTeamButton workspaceId={workspace.id} team={{ id: team.id, name: team.name }} />
                      </div>
                    </>
                  ) : null}
                </CardContent>
              </Card>
            );
          })
        )}
      </div>
    </>
  );
}
