import Link from "next/link";
import { cn } from "@/lib/utils/cn";

export type SettingsSection = { segment: string; label: string };

/** The row of tabs between related settings pages, led by a way back to Settings. */
export function SettingsSubnav({ workspaceId, label, sections, current }: { workspaceId: string; label: string; sections: readonly SettingsSection[]; current: string }) {
  return (
    <nav aria-label={label} className="border-b px-6">
      <ul className="-mb-px flex flex-wrap gap-x-4 text-sm">
        <li>
          <Link href={`/${workspaceId}/settings`} className="inline-block border-b-2 border-transparent py-2.5 text-muted-foreground hover:text-foreground">
            Settings
          </Link>
        </li>
        {sections.map(({ segment, label }) => (
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
