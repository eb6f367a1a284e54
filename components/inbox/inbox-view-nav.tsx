import { Eye, Inbox, Lock, Users } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatCount, inboxHref } from "@/lib/inbox/inbox-url";
import type { InboxSort } from "@/lib/inbox/filters";
import { BUILT_IN_VIEWS, viewRefKey, type ViewRef } from "@/lib/inbox/views";
import { cn } from "@/lib/utils/cn";

type Props = {
  workspaceId: string;
  activeKey: string;
  teams: { id: string; name: string }[];
  savedViews: { id: string; name: string; shared: boolean }[];
  counts: Record<string, number>;
  countCap: number;
  sort: InboxSort;
};

function ViewLink({ href, active, label, count, icon }: { href: string; active: boolean; label: string; count: string; icon?: ReactNode }) {
  return (
    <li className="min-w-0">
      <Link
        href={href}
        title={label}
        aria-current={active ? "page" : undefined}
        className={cn(
          "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm transition-colors focus-visible:outline-2 focus-visible:outline-ring",
          active ? "bg-sidebar-active font-medium text-sidebar-active-foreground" : "text-sidebar-foreground hover:bg-muted",
        )}
      >
        {icon}
        <span className="min-w-0 flex-1 truncate">{label}</span>
        {count ? (
          <span className="text-xs tabular-nums text-muted-foreground">
            {/* The space keeps the name and the number apart for screen readers ("Unassigned 3 open"). */}
            {" "}
            {count}
            <span className="sr-only"> open</span>
          </span>
        ) : null}
      </Link>
    </li>
  );
}

/** The views with their open counts. Counts are capped ("999+"), see countInboxViews. */
export function InboxViewNav({ workspaceId, activeKey, teams, savedViews, counts, countCap, sort }: Props) {
  const href = (view: ViewRef) => inboxHref(workspaceId, view, { status: "open", sort });
  const section = (title: string, id: string, children: ReactNode) => (
    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-1">
      <h2 id={id} className="px-2.5 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
        {title}
      </h2>
      <ul aria-labelledby={id} className="grid grid-cols-[minmax(0,1fr)] gap-0.5">
        {children}
      </ul>
    </div>
  );
  return (
    <nav aria-label="Inbox views" className="hidden w-56 shrink-0 flex-col gap-5 overflow-y-auto border-r bg-sidebar px-2 py-4 lg:flex">
      {section(
        "Inbox",
        "inbox-views-built-in",
        BUILT_IN_VIEWS.map((v) => {
          const ref: ViewRef = { kind: "built-in", key: v.key };
          return (
            <ViewLink
              key={v.key}
              href={href(ref)}
              active={activeKey === viewRefKey(ref)}
              label={v.label}
              count={formatCount(counts[v.key], countCap)}
              icon={<Inbox className="size-4 shrink-0" aria-hidden />}
            />
          );
        }),
      )}
      {teams.length > 0
        ? section(
            "Teams",
            "inbox-views-teams",
            teams.map((team) => {
              const ref: ViewRef = { kind: "team", teamId: team.id };
              return (
                <ViewLink
                  key={team.id}
                  href={href(ref)}
                  active={activeKey === viewRefKey(ref)}
                  label={team.name}
                  count={formatCount(counts[`team:${team.id}`], countCap)}
                  icon={<Users className="size-4 shrink-0" aria-hidden />}
                />
              );
            }),
          )
        : null}
      {section(
        "Views",
        "inbox-views-saved",
        savedViews.length === 0 ? (
          <li className="px-2.5 text-xs text-muted-foreground">Filter the list, then save it as a view.</li>
        ) : (
          savedViews.map((saved) => {
            const ref: ViewRef = { kind: "custom", viewId: saved.id };
            return (
              <ViewLink
                key={saved.id}
                href={href(ref)}
                active={activeKey === viewRefKey(ref)}
                label={saved.name}
                count={formatCount(counts[`view:${saved.id}`], countCap)}
                icon={
                  <>
                    {saved.shared ? <Eye className="size-4 shrink-0" aria-hidden /> : <Lock className="size-4 shrink-0" aria-hidden />}
                    <span className="sr-only">{saved.shared ? "Shared view:" : "Personal view:"}</span>
                  </>
                }
              />
            );
          })
        ),
      )}
    </nav>
  );
}
