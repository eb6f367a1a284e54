import {
  CircleCheck,
  Clock,
  GitBranch,
  MessageCircle,
  MessageSquarePlus,
  Play,
  StickyNote,
  UserCheck,
  Users,
  Workflow,
  type LucideIcon,
} from "lucide-react";

/**
 * Definitions name their icon; this maps those names to components. Importing lucide's whole icon
 * index would put every icon in the bundle, so the used ones are listed (a test checks each
 * definition's icon is here).
 */
export const NODE_ICONS: Readonly<Record<string, LucideIcon>> = {
  CircleCheck,
  Clock,
  GitBranch,
  MessageCircle,
  MessageSquarePlus,
  Play,
  StickyNote,
  UserCheck,
  Users,
};

export function NodeIcon({ name, className }: { name: string; className?: string }) {
  const Icon = NODE_ICONS[name] ?? Workflow;
  return <Icon className={className} aria-hidden />;
}
