import { cva, type VariantProps } from "class-variance-authority";
import { AlertCircle, AlertTriangle, CheckCircle2, Info } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

const statusVariants = cva("flex items-start gap-2 rounded-md border px-3 py-2 text-sm", {
  variants: {
    tone: {
      info: "border-border bg-subtle text-foreground",
      success: "border-green-200 bg-success-soft text-success-soft-foreground",
      error: "border-red-200 bg-destructive-soft text-destructive-soft-foreground",
      warning: "border-amber-200 bg-amber-50 text-amber-900",
    },
  },
  defaultVariants: { tone: "info" },
});

const ICONS = { info: Info, success: CheckCircle2, error: AlertCircle, warning: AlertTriangle } as const;

/**
 * A message shown where the action happened. Errors are announced at once (role="alert");
 * other outcomes politely (role="status").
 */
export function InlineStatus({
  tone = "info",
  children,
  className,
  id,
}: VariantProps<typeof statusVariants> & { children: ReactNode; className?: string; id?: string }) {
  const Icon = ICONS[tone ?? "info"];
  return (
    <div id={id} role={tone === "error" ? "alert" : "status"} className={cn(statusVariants({ tone }), className)}>
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
