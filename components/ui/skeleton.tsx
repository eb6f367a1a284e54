import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

/** A loading placeholder; hidden from assistive tech, which hears the surrounding aria-busy region instead. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />;
}
