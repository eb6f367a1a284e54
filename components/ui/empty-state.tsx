import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

type EmptyStateProps = {
  icon: LucideIcon;
  title: string;
  description: ReactNode;
  /** Buttons or links that get the user started. */
  action?: ReactNode;
  className?: string;
  /** Heading level that fits the page outline (the page title is usually h1). */
  headingLevel?: "h2" | "h3";
};

export function EmptyState({ icon: Icon, title, description, action, className, headingLevel = "h2" }: EmptyStateProps) {
  const Heading = headingLevel;
  return (
    <div className={cn("mx-auto flex max-w-md flex-col items-center px-6 py-16 text-center", className)}>
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-accent text-accent-foreground">
        <Icon className="size-6" aria-hidden />
      </div>
      <Heading className="text-base font-semibold text-foreground">{title}</Heading>
      <div className="mt-2 text-sm text-muted-foreground">{description}</div>
      {action ? <div className="mt-6 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
