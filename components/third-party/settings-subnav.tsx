import { SettingsSubnav } from "@/components/settings/settings-subnav";

const SECTIONS = [
  { segment: "integrations", label: "Integrations" },
  { segment: "api-keys", label: "API keys" },
  { segment: "api", label: "API reference" },
  { segment: "sms-sandbox", label: "SMS sandbox" },
  { segment: "email-sandbox", label: "Email sandbox" },
  { segment: "plan", label: "Plan" },
] as const;

export type ThirdPartySection = (typeof SECTIONS)[number]["segment"] | "channels";

/** Links between the third-party settings pages. */
export function ThirdPartySubnav({ workspaceId, current }: { workspaceId: string; current: ThirdPartySection }) {
  return <SettingsSubnav workspaceId={workspaceId} label="Third-party settings" sections={SECTIONS} current={current} />;
}
