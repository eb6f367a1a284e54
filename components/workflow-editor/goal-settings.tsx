"use client";

import { Target } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { AudienceFilterEditor } from "@/components/audience-filter/audience-filter-editor";
import { filterAttributes, readFilter } from "@/components/audience-filter/audience-filter-model";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { GOAL_KINDS, GOAL_KIND_LABELS, goalIssues, type GoalKind, type WorkflowGoal } from "@/lib/workflow/goal/goal";
import { useEditorActions } from "./editor-actions-context";
import { useEditorContext } from "./editor-context";

const NO_GOAL = "none";
type Choice = GoalKind | typeof NO_GOAL;

const HINTS: Record<Choice, string> = {
  none: "Runs are not measured against a goal.",
  contact_replied: "The contact sends a message, in any conversation.",
  contact_matches: "The contact's attributes or tags come to match, e.g. plan is Pro.",
  closed_by_agent: "An agent closes the conversation this workflow started.",
};

/**
 * The workflow's goal: what counts as a conversion, and whether a run ends when it converts. A
 * workflow-level setting (not a step), saved at once and frozen into the next published version.
 */
export function GoalSettings({ initial, disabled }: { initial: WorkflowGoal | null; disabled: boolean }) {
  const { workspaceId, workflowId, customAttributeKeys, attributeDefinitions, tags } = useEditorContext();
  const actions = useEditorActions();
  const id = useId();
  const [saved, setSaved] = useState<WorkflowGoal | null>(initial);
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Choice>(initial?.condition.kind ?? NO_GOAL);
  const [filter, setFilter] = useState(readFilter(initial?.condition.kind === "contact_matches" ? initial.condition.filter : undefined));
  const [exitWhenMet, setExitWhenMet] = useState(initial?.exitWhenMet ?? true);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const attributes = useMemo(() => filterAttributes(attributeDefinitions, customAttributeKeys), [attributeDefinitions, customAttributeKeys]);

  const goal: WorkflowGoal | null =
    choice === NO_GOAL ? null : { condition: choice === "contact_matches" ? { kind: choice, filter } : { kind: choice }, exitWhenMet };
  const problems = goal ? goalIssues(goal) : [];

  const save = async () => {
    setPending(true);
    setError(null);
    const result = await actions.setGoal({ workspaceId, workflowId, goal });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSaved(goal);
    setOpen(false);
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          <Target aria-hidden /> Goal{saved ? `: ${GOAL_KIND_LABELS[saved.condition.kind].toLowerCase()}` : ""}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90dvh] max-w-lg overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Workflow goal</DialogTitle>
          <DialogDescription>
            What counts as a conversion on the results page. Saved now; it applies to runs of the next version you publish.
          </DialogDescription>
        </DialogHeader>
        <fieldset className="grid gap-3" disabled={disabled || pending}>
          <legend className="sr-only">The goal</legend>
          <RadioGroup value={choice} onValueChange={(value) => setChoice(value as Choice)} className="grid gap-2">
            {([NO_GOAL, ...GOAL_KINDS] as Choice[]).map((option) => (
              <div key={option} className="flex items-start gap-2">
                <RadioGroupItem id={`${id}-${option}`} value={option} aria-describedby={`${id}-${option}-hint`} className="mt-0.5" />
                <div className="grid gap-0.5">
                  <Label htmlFor={`${id}-${option}`}>{option === NO_GOAL ? "No goal" : GOAL_KIND_LABELS[option]}</Label>
                  <p id={`${id}-${option}-hint`} className="text-xs text-muted-foreground">
                    {HINTS[option]}
                  </p>
                </div>
              </div>
            ))}
          </RadioGroup>
          {choice === "contact_matches" ? (
            <div className="rounded-md border p-3">
              <AudienceFilterEditor id={`${id}-filter`} filter={filter} onChange={setFilter} attributes={attributes} tags={tags} lastConversation={false} />
            </div>
          ) : null}
          {choice !== NO_GOAL ? (
            <div className="flex items-start gap-2 border-t pt-3">
              <Checkbox
                id={`${id}-exit`}
                checked={exitWhenMet}
                onCheckedChange={(checked) => setExitWhenMet(checked === true)}
                aria-describedby={`${id}-exit-hint`}
                className="mt-0.5"
              />
              <div className="grid gap-0.5">
                <Label htmlFor={`${id}-exit`}>Exit when the goal is met</Label>
                <p id={`${id}-exit-hint`} className="text-xs text-muted-foreground">
                  A run that meets the goal ends wherever it is, even while it waits. Off: it is counted and goes on.
                </p>
              </div>
            </div>
          ) : null}
          {problems.length ? (
            <ul className="grid gap-0.5 text-xs font-medium text-destructive-soft-foreground">
              {problems.map((problem) => (
                <li key={problem}>{problem} Publishing refuses it until then.</li>
              ))}
            </ul>
          ) : null}
          {error ? (
            <p role="alert" className="text-xs font-medium text-destructive-soft-foreground">
              {error}
            </p>
          ) : null}
        </fieldset>
        <DialogFooter>
          <Button onClick={() => void save()} disabled={disabled || pending}>
            {pending ? "Saving…" : "Save goal"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
