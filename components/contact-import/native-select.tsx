import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

/** A plain <select> styled like the inputs: many on one page (a row per column) stay light. */
export function NativeSelect({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "h-9 w-full rounded-md border border-input bg-background px-2 text-sm text-foreground shadow-xs focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40 aria-invalid:border-destructive",
        className,
      )}
      {...props}
    />
  );
}
