import Link from "next/link";
import { cn } from "@/lib/utils/cn";

const SECTIONS = [
  { segment: "integrations", label: "Integrations" },
  { segment: "api-keys", label: "API keys" },
  { segment: "api", label: "API reference" },
  { segment: "sms-sandbox", label: "SMS sandbox" },
  { segment: "plan", label: "Plan" },
] as const;

export type ThirdPartySection = (typeof SECTIONS)[number]["segment"] | "channels";

/** Links between the third-party settings pages (until Settings has a navigation of its own). */
export function ThirdPartySubnav({ workspaceId, current }: { workspaceId: string; current: ThirdPartySection }) {
  return (
    <nav aria-label="Third-party settings" className="border-b px-6">
      <ul className="-mb-px flex flex-wrap gap-4 text-sm">
        <li>
          <Link href={`/${workspaceId}/settings`} className="inline-block border-b-2 border-transparent py-2.5 text-muted-foreground hover:text-foreground">
            Settings
          </Link>
        </li>
        {SECTIONS.map(({ segment, label }) => (
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
