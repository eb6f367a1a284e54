import type { LucideIcon } from "lucide-react";

/** A node type's icon, as its definition declares it (the registry is the only list of them). */
export function NodeIcon({ icon: Icon, className }: { icon: LucideIcon; className?: string }) {
  return <Icon className={className} aria-hidden />;
}
