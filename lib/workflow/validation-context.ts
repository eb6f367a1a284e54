import type { Plan } from "@/lib/plans/plan";
import type { ChannelKind } from "./customer-destination";

/** Workspace facts graph validation checks against; loaded with one query (load-validation-context.ts). */
export type ValidationContext = {
  plan: Plan;
  memberUserIds: ReadonlySet<string>;
  teamIds: ReadonlySet<string>;
  /** Teams with automatic assignment on: the only ones "Team (round robin)" may name. */
  roundRobinTeamIds: ReadonlySet<string>;
  channels: ReadonlyMap<string, { kind: ChannelKind; isDefault: boolean }>;
  customAttributeKeys: readonly string[];
};

export function defaultChatChannelId(context: ValidationContext): string | undefined {
  for (const [id, channel] of context.channels) if (channel.kind === "chat" && channel.isDefault) return id;
  return undefined;
}
