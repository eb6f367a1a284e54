"use client";

import { clsx } from "clsx";
import type { ComponentPropsWithRef } from "react";

type ToolbarButtonProps = ComponentPropsWithRef<"button"> & {
  label: string;
  /** Set for toggles (bold, lists); leave undefined for buttons that open something. */
  pressed?: boolean;
};

/**
 * Spreads every other prop so Radix triggers (`asChild`) can attach their handlers and ARIA
 * state. Mouse down is prevented so clicking a button does not take the selection away from the
 * editor before the command runs.
 */
export function ToolbarButton({ label, pressed, className, children, onMouseDown, ...props }: ToolbarButtonProps) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={pressed}
      title={label}
      data-toolbar-item=""
      onMouseDown={(event) => {
        event.preventDefault();
        onMouseDown?.(event);
      }}
      className={clsx(
        "inline-flex size-8 items-center justify-center rounded text-neutral-600 hover:bg-neutral-100 hover:text-neutral-900",
        "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600",
        "disabled:pointer-events-none disabled:opacity-40",
        "aria-pressed:bg-neutral-200 aria-pressed:text-neutral-900 data-[state=open]:bg-neutral-200",
        className,
      )}
      {...props}
    >
      {children}
    </button>
  );
}
