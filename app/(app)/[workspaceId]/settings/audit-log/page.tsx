import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { PeopleSubnav } from "@/components/people/people-subnav";
import { LocalTime } from "@/components/time/local-time";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { auditActionGroups, auditActionLabel } from "@/lib/audit/audit-actions";
import { describeAuditDetails } from "@/lib/audit/audit-details";
import { auditLogQuerySchema, listAuditLog, type AuditLogEntry } from "@/lib/audit/audit-log";
import { BUILDER_ROLES, listWorkspaceMembers } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Audit log" };

type PageProps = { params: Promise<{ workspaceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const TARGET_LABELS: Record<string, string> = {
  member: "Member",
  invitation: "Invitation",
  team: "Team",
  workspace: "Workspace",
  workflow: "Workflow",
  channel: "Channel",
  api_key: "API key",
  integration: "Integration",
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const selectClassName =
  "h-9 w-full rounded-md border border-input bg-background px-2 text-sm text-foreground shadow-xs focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40";

function actorName(entry: AuditLogEntry): string {
  if (entry.actor) return entry.actor.name;
  return typeof entry.data.apiKeyId === "string" ? "An API key" : "Parley";
}

function targetText(entry: AuditLogEntry): string {
  const kind = TARGET_LABELS[entry.target.type] ?? entry.target.type;
  if (entry.target.type === "workspace") return kind;
  return entry.target.name ? `${kind}: ${entry.target.name}` : kind;
}

export default async function AuditLogPage({ params, searchParams }: PageProps) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/audit-log`);
  const canRead = BUILDER_ROLES.includes(role);
  const raw = await searchParams;
  const query = auditLogQuerySchema.parse({ actor: first(raw.actor), action: first(raw.action), before: first(raw.before) });

  if (!canRead) {
    return (
      <>
        <PageHeader title="Audit log" />
        <PeopleSubnav workspaceId={workspace.id} current="audit-log" showAuditLog={false} />
        <p className="px-6 py-6 text-sm text-muted-foreground">Only workspace owners and admins can read the audit log.</p>
      </>
    );
  }

  const [members, { entries, nextBefore }] = await Promise.all([listWorkspaceMembers(workspace.id), listAuditLog(getDb(), workspace.id, query)]);
  const filtered = Boolean(query.actor || query.action);
  const base = `/${workspace.id}/settings/audit-log`;
  const withFilters = (extra: Record<string, string>) => {
    const search = new URLSearchParams({ ...(query.actor && { actor: query.actor }), ...(query.action && { action: query.action }), ...extra });
    const text = search.toString();
    return text ? `${base}?${text}` : base;
  };

  return (
    <>
      <PageHeader title="Audit log" description="Every change to members, roles, teams, the workspace and its workflows and channels: who, what, when and on what." />
      <PeopleSubnav workspaceId={workspace.id} current="audit-log" showAuditLog />
      <div className="mx-auto grid max-w-5xl gap-6 px-4 py-6 sm:px-6">
        <form method="get" action={base} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" aria-label="Filter the audit log">
          <div className="grid gap-1.5">
            <Label htmlFor="audit-actor">Person</Label>
            <select id="audit-actor" name="actor" defaultValue={query.actor ?? ""} className={selectClassName}>
              <option value="">Anyone</option>
              {members.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="audit-action">Action</Label>
            <select id="audit-action" name="action" defaultValue={query.action ?? ""} className={selectClassName}>
              <option value="">Any action</option>
              {auditActionGroups().map((group) => (
                <optgroup key={group.label} label={group.label}>
                  {group.actions.map((action) => (
                    <option key={action.value} value={action.value}>
                      {action.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="flex gap-2">
            <button type="submit" className={buttonVariants({ variant: "primary" })}>
              Apply filters
            </button>
            {filtered ? (
              <Link href={base} className={buttonVariants({ variant: "ghost" })}>
                Clear
              </Link>
            ) : null}
          </div>
        </form>

        <Card>
          <CardContent className="px-0 py-0">
            {entries.length === 0 ? (
              <EmptyState
                headingLevel="h2"
                icon={ScrollText}
                className="py-10"
                title={filtered ? "Nothing matches these filters" : "Nothing recorded yet"}
                description={filtered ? "Try another person or action." : "Changes to members, teams and settings appear here."}
              />
            ) : (
              <>
                <div aria-hidden className="hidden grid-cols-[11.5rem_10rem_1fr] gap-4 border-b px-5 py-2 text-xs font-medium text-muted-foreground md:grid">
                  <span>When</span>
                  <span>Who</span>
                  <span>What</span>
                </div>
                <ol aria-label="Audit log entries" className="divide-y">
                  {entries.map((entry) => {
                    const details = describeAuditDetails(entry.action, entry.data);
                    return (
                      <li key={entry.id} className="grid gap-1 px-5 py-3 text-sm md:grid-cols-[11.5rem_10rem_1fr] md:gap-4" data-audit-action={entry.action}>
                        <LocalTime value={entry.createdAt} className="text-muted-foreground" />
                        <span className="font-medium">{actorName(entry)}</span>
                        <span className="min-w-0">
                          <span className="font-medium">{auditActionLabel(entry.action)}</span>
                          <span className="text-muted-foreground"> · {targetText(entry)}</span>
                          {details ? <span className="block text-muted-foreground">{details}</span> : null}
                        </span>
                      </li>
                    );
                  })}
                </ol>
              </>
            )}
          </CardContent>
        </Card>

        {query.before || nextBefore ? (
          <nav aria-label="Audit log pages" className="flex justify-between gap-3">
            {query.before ? (
              <Link href={withFilters({})} className={buttonVariants({ variant: "outline", size: "sm" })}>
                Newest entries
              </Link>
            ) : (
              <span />
            )}
            {nextBefore ? (
              <Link href={withFilters({ before: String(nextBefore) })} className={buttonVariants({ variant: "outline", size: "sm" })}>
                Older entries
              </Link>
            ) : null}
          </nav>
        ) : null}
      </div>
    </>
  );
}
