"use client";

import { Inbox, Settings, Users, Workflow, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";

type NavItem = { segment: string; label: string; icon: LucideIcon };

const ITEMS: readonly NavItem[] = [
  { segment: "inbox", label: "Inbox", icon: Inbox },
  { segment: "workflows", label: "Workflows", icon: Workflow },
  { segment: "contacts", label: "Contacts", icon: Users },
  { segment: "settings", label: "Settings", icon: Settings },
];

export function SidebarNav({ workspaceId }: { workspaceId: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="px-3">
      <ul className="grid gap-0.5">
        {ITEMS.map(({ segment, label, icon: Icon }) => {
          const href = `/${workspaceId}/${segment}`;
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={segment}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring",
                  active
                    ? "bg-sidebar-active text-sidebar-active-foreground"
                    : "text-sidebar-foreground hover:bg-muted hover:text-foreground",
                )}
              >
                <Icon className="size-4 shrink-0" aria-hidden />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
