import { cn } from "@/lib/utils/cn";

/** The Parley mark: two overlapping speech bubbles. */
export function ParleyMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden className={cn("size-8", className)}>
      <rect width="32" height="32" rx="8" fill="#4f46e5" />
      <path d="M8 10.5A2.5 2.5 0 0 1 10.5 8h8A2.5 2.5 0 0 1 21 10.5v5a2.5 2.5 0 0 1-2.5 2.5H13l-3.5 3v-3A2.5 2.5 0 0 1 8 15.5z" fill="#fff" />
      <path d="M23 13.5v4a2.5 2.5 0 0 1-2.5 2.5H16v.5a2.5 2.5 0 0 0 2.5 2.5H20l3 2.5V23a2.5 2.5 0 0 0 1-2v-5a2.5 2.5 0 0 0-1-2.5z" fill="#c7d2fe" />
    </svg>
  );
}

export function ParleyLogo({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2 text-lg font-semibold tracking-tight text-foreground", className)}>
      <ParleyMark />
      Parley
    </span>
  );
}
