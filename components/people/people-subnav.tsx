import { SettingsSubnav } from "@/components/settings/settings-subnav";

const SECTIONS = [
  { segment: "members", label: "Members" },
  { segment: "teams", label: "Teams" },
  { segment: "audit-log", label: "Audit log" },
] as const;

export type PeopleSection = (typeof SECTIONS)[number]["segment"];

/** Links between Settings › Members, Teams and Audit log (the log only for owners and admins). */
export function PeopleSubnav({ workspaceId, current, showAuditLog }: { workspaceId: string; current: PeopleSection; showAuditLog: boolean }) {
  const sections = SECTIONS.filter(({ segment }) => showAuditLog || segment !== "audit-log");
  return <SettingsSubnav workspaceId={workspaceId} label="People settings" sections={sections} current={current} />;
}
