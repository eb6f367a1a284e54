import Link from "next/link";
import { cn } from "@/lib/utils/cn";

const SECTIONS = [
  { segment: "members", label: "Members" },
  { segment: "teams", label: "Teams" },
  { segment: "audit-log", label: "Audit log" },
] as const;

export type PeopleSection = (typeof SECTIONS)[number]["segment"];

/** Links between Settings › Members, Teams and Audit log (the log only for owners and admins). */
export function PeopleSubnav({ workspaceId, current, showAuditLog }: { workspaceId: string; current: PeopleSection; showAuditLog: boolean }) {
  return (
    <nav aria-label="People settings" className="border-b px-6">
      <ul className="-mb-px flex flex-wrap gap-x-4 text-sm">
        <li>
          <Link href={`/${workspaceId}/settings`} className="inline-block border-b-2 border-transparent py-2.5 text-muted-foreground hover:text-foreground">
            Settings
          </Link>
        </li>
        {SECTIONS.filter(({ segment }) => showAuditLog || segment !== "audit-log").map(({ segment, label }) => (
          <li key={segment}>
            <Link
              href={`/${workspaceId}/settings/${segment}`}
              aria-current={current === segment ? "page" : undefined}
              className={cn(
                "inline-block border-b-2 py-2.5 font-medium",
                current === segment ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
              )}
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
