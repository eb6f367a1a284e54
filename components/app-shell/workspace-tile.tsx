import { cn } from "@/lib/utils/cn";

/** A workspace's initial in a square, so workspaces are told apart at a glance. */
export function WorkspaceTile({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn("flex size-7 shrink-0 items-center justify-center rounded-md bg-primary text-xs font-semibold text-primary-foreground", className)}
    >
      {name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}
