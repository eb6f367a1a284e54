/**
 * THE list of what the audit log records, each with the words Settings › Audit log shows for it
 * (read after the person's name: "Alex Morgan · Invited someone"). audit() accepts only these, so
 * a new kind of change cannot reach the log without a readable name. Importable anywhere.
 */
export const AUDIT_ACTIONS = {
  "member.invited": "Invited someone",
  "member.joined": "Joined the workspace",
  "member.role_changed": "Changed a member's role",
  "member.removed": "Removed a member",
  "invitation.resent": "Resent an invitation",
  "invitation.link_copied": "Copied an invitation link",
  "invitation.revoked": "Revoked an invitation",
  "team.created": "Created a team",
  "team.renamed": "Renamed a team",
  "team.deleted": "Deleted a team",
  "team.member_added": "Added someone to a team",
  "team.member_removed": "Removed someone from a team",
  "team.round_robin_changed": "Changed a team's automatic assignment",
  "member.assignment_cap_changed": "Changed an agent's cap of open conversations",
  "workspace.created": "Created the workspace",
  "workspace.renamed": "Renamed the workspace",
  "workspace.plan_changed": "Changed the plan",
  "workspace.outreach_changed": "Changed the outreach guardrails",
  "workspace.deleted": "Started deleting the workspace",
  "workflow.created": "Created a workflow",
  "workflow.deleted": "Deleted a workflow",
  "workflow.published": "Published a workflow",
  "workflow.paused": "Paused a workflow",
  "workflow.resumed": "Resumed a workflow",
  "workflow.settings_changed": "Changed a workflow's settings",
  "workflow.version_restored": "Restored a workflow version",
  "workflow.test_run": "Ran a workflow as a test",
  "workflow.manual_run": "Ran a workflow on contacts",
  "workflow.recipients_exported": "Exported a workflow's recipients",
  "workspace.email_open_tracking_changed": "Turned the email open pixel on or off",
  "channel.created": "Created a channel",
  "channel.renamed": "Renamed a channel",
  "channel.updated": "Changed a channel's settings",
  "channel.inbound_secret_rotated": "Rotated an email channel's inbound secret",
  "channel.allowed_websites_changed": "Changed a chat's allowed websites",
  "api_key.created": "Created an API key",
  "api_key.revoked": "Revoked an API key",
  "integration.created": "Connected an integration",
  "integration.updated": "Changed an integration",
  "integration.deleted": "Deleted an integration",
  "integration.secret_rotated": "Rotated an integration's signing secret",
  "integration.redelivered": "Redelivered a webhook",
  "contact.created": "Created a contact",
  "contact.updated": "Changed a contact",
  "contact.consent_changed": "Changed a contact's consent",
  "contact_attribute.created": "Defined a contact attribute",
  "contact_attribute.updated": "Changed a contact attribute",
  "contact_attribute.deleted": "Deleted a contact attribute",
  "contact.erased": "Erased a contact",
  "contact.bulk_erased": "Erased a selection of contacts",
  "contact.bulk_erasure_finished": "Finished erasing a selection of contacts",
  "contact.merged": "Merged two contacts",
  "contact.exported": "Exported contacts",
  "contact_import.started": "Started a contact import",
  "contact_import.cancelled": "Cancelled a contact import",
  "contact_import.completed": "Finished a contact import",
  "saved_reply.created": "Created a shared saved reply",
  "saved_reply.updated": "Changed a shared saved reply",
  "saved_reply.deleted": "Deleted a shared saved reply",
} as const satisfies Record<`${string}.${string}`, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && Object.hasOwn(AUDIT_ACTIONS, value);
}

/** What the log shows for an action; one recorded before it was renamed reads as its words. */
export function auditActionLabel(action: string): string {
  if (isAuditAction(action)) return AUDIT_ACTIONS[action];
  const [subject = action, verb = ""] = action.split(".");
  const words = `${subject} ${verb}`.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const AREA_LABELS: Record<string, string> = {
  member: "People",
  invitation: "People",
  team: "Teams",
  workspace: "Workspace",
  workflow: "Workflows",
  channel: "Channels",
  api_key: "API keys",
  integration: "Integrations",
  contact: "Contacts",
  contact_attribute: "Contacts",
  contact_import: "Contacts",
};

/** The actions grouped by area, in the list's order, for the log's filter. */
export function auditActionGroups(): { label: string; actions: { value: AuditAction; label: string }[] }[] {
  const groups = new Map<string, { value: AuditAction; label: string }[]>();
  for (const [value, label] of Object.entries(AUDIT_ACTIONS) as [AuditAction, string][]) {
    const area = AREA_LABELS[value.split(".")[0]!] ?? "Other";
    if (!groups.has(area)) groups.set(area, []);
    groups.get(area)!.push({ value, label });
  }
  return [...groups].map(([label, actions]) => ({ label, actions }));
}
