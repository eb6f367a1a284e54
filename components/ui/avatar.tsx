"use client";

import { cva, type VariantProps } from "class-variance-authority";
import { Avatar as AvatarPrimitive } from "radix-ui";
import { cn } from "@/lib/utils/cn";

const avatarVariants = cva("relative inline-flex shrink-0 overflow-hidden rounded-full align-middle select-none", {
  variants: {
    size: {
      xs: "size-5 text-[0.5625rem]",
      sm: "size-6 text-[0.625rem]",
      md: "size-8 text-xs",
      lg: "size-10 text-sm",
    },
  },
  defaultVariants: { size: "md" },
});

// Light tints with dark text: each pair passes WCAG AA for the initials.
const TINTS = [
  "bg-indigo-100 text-indigo-800",
  "bg-emerald-100 text-emerald-800",
  "bg-amber-100 text-amber-900",
  "bg-rose-100 text-rose-800",
  "bg-sky-100 text-sky-800",
  "bg-violet-100 text-violet-800",
  "bg-teal-100 text-teal-800",
  "bg-orange-100 text-orange-900",
] as const;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** A word's first user-perceived character (an emoji with its modifiers, a letter with its accents). */
function firstGrapheme(word: string): string {
  for (const { segment } of graphemes.segment(word)) return segment;
  return "";
}

/**
 * Up to two initials, whole characters: "🦊 Fox" is "🦊F", never half of the emoji's surrogate
 * pair (which no server and browser render alike, breaking hydration).
 */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = firstGrapheme(words[0]!);
  const last = words.length > 1 ? firstGrapheme(words[words.length - 1]!) : "";
  return (first + last).toLocaleUpperCase("en");
}

function tintFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return TINTS[Math.abs(hash) % TINTS.length] ?? TINTS[0];
}

type AvatarProps = VariantProps<typeof avatarVariants> & {
  name: string;
  src?: string | null;
  className?: string;
  /** Set when the name is already written next to the avatar, so it is not read twice. */
  decorative?: boolean;
};

export function Avatar({ name, src, size, className, decorative = false }: AvatarProps) {
  return (
    <AvatarPrimitive.Root className={cn(avatarVariants({ size }), className)} aria-hidden={decorative || undefined}>
      {src ? <AvatarPrimitive.Image src={src} alt={decorative ? "" : name} className="size-full object-cover" /> : null}
      {/* No delay: the initials paint with the server HTML and the image replaces them once loaded. */}
      <AvatarPrimitive.Fallback className={cn("flex size-full items-center justify-center font-semibold", tintFor(name))}>
        <span aria-hidden>{initials(name)}</span>
        {decorative ? null : <span className="sr-only">{name}</span>}
      </AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  );
}
