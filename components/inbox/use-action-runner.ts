"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";

/** Runs a server action, keeps its error to show next to the control, and refreshes on success. */
export function useActionRunner() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = <T,>(action: () => Promise<ActionResult<T>>, onSuccess?: (data: T) => void) =>
    new Promise<boolean>((resolve) => {
      setError(null);
      startTransition(async () => {
        const result = await action();
        if (result.ok) {
          onSuccess?.(result.data);
          router.refresh();
          resolve(true);
        } else {
          setError(result.error);
          resolve(false);
        }
      });
    });
  return { run, pending, error, setError };
}
