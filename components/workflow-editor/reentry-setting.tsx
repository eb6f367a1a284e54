"use client";

import { createContext, useContext, useId, useState, type ReactNode } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { useEditorActions } from "./editor-actions-context";
import { useEditorContext } from "./editor-context";

type ReentryState = { allowReentry: boolean; setAllowReentry: (value: boolean) => void };

const ReentryContext = createContext<ReentryState | null>(null);

export function ReentryProvider({ initial, children }: { initial: boolean; children: ReactNode }) {
  const [allowReentry, setAllowReentry] = useState(initial);
  return <ReentryContext.Provider value={{ allowReentry, setAllowReentry }}>{children}</ReentryContext.Provider>;
}

/**
 * Whether a contact can go through the workflow more than once. It belongs to the workflow, not
 * to a version, so it is saved at once rather than with the draft; the trigger's panel shows it
 * because that is where a builder thinks about who enters.
 */
export function ReentrySetting({ disabled }: { disabled: boolean }) {
  const state = useContext(ReentryContext);
  const { workspaceId, workflowId } = useEditorContext();
  const actions = useEditorActions();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (!state) return null;

  const change = async (value: boolean) => {
    setPending(true);
    setError(null);
    const previous = state.allowReentry;
    state.setAllowReentry(value);
    const result = await actions.setAllowReentry({ workspaceId, workflowId, allowReentry: value });
    setPending(false);
    if (!result.ok) {
      state.setAllowReentry(previous);
      setError(result.error);
    }
  };

  return (
    <div className="grid gap-1.5 border-t pt-4">
      <div className="flex items-start gap-2">
        <Checkbox
          id={id}
          checked={state.allowReentry}
          onCheckedChange={(checked) => void change(checked === true)}
          disabled={disabled || pending}
          aria-describedby={`${id}-hint`}
          className="mt-0.5"
        />
        <label htmlFor={id} className="text-sm leading-5 font-medium">
          Let contacts enter more than once
        </label>
      </div>
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        Off: each contact goes through this workflow once. On: a contact who matches again (or opens another chat session) starts
        another run. Saved straight away, for the live workflow too.
      </p>
      {error ? (
        <p role="alert" className="text-xs font-medium text-destructive-soft-foreground">
          {error}
        </p>
      ) : null}
    </div>
  );
}
