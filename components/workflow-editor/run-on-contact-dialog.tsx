"use client";

import { FlaskConical } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { useEditorActions } from "./editor-actions-context";
import type { ContactOption, RunSummary, RunView } from "./editor-actions";
import { useEditorContext } from "./editor-context";
import { LocalTime } from "@/components/time/local-time";
import { StepLog } from "./step-log";

const SETTLED = new Set(["completed", "failed", "cancelled", "canceled", "waiting", "succeeded", "error"]);

/**
 * Runs the draft (a test run) or the live version on one contact and follows that run's step log;
 * recent runs are listed underneath, each with its own log.
 */
export function RunOnContactDialog({ isLive, beforeRun }: { isLive: boolean; beforeRun: () => Promise<boolean> }) {
  const { workspaceId, workflowId } = useEditorContext();
  const actions = useEditorActions();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [contacts, setContacts] = useState<ContactOption[]>([]);
  const [contactId, setContactId] = useState<string>("");
  const [mode, setMode] = useState<"draft" | "live">("draft");
  const [error, setError] = useState<string | null>(null);
  const [run, setRun] = useState<RunView | null>(null);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [busy, setBusy] = useState(false);
  const polling = useRef<ReturnType<typeof setTimeout> | null>(null);
  const baseId = useId();

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void actions.searchContacts({ workspaceId, query }).then((result) => {
        if (cancelled) return;
        if (result.ok) setContacts(result.data);
        else setError(result.error);
      });
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [open, query, workspaceId, actions]);

  const loadRuns = async () => {
    const result = await actions.listRuns({ workspaceId, workflowId });
    if (result.ok) setRuns(result.data);
  };

  const follow = (runId: string, attempt = 0) => {
    if (polling.current) clearTimeout(polling.current);
    void actions.getRun({ workspaceId, runId }).then((result) => {
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setRun(result.data);
      if (!SETTLED.has(result.data.status) && attempt < 60) polling.current = setTimeout(() => follow(runId, attempt + 1), 1_000);
      else void loadRuns();
    });
  };

  useEffect(() => () => {
    if (polling.current) clearTimeout(polling.current);
  }, []);

  const start = async () => {
    setError(null);
    setBusy(true);
    try {
      if (mode === "draft" && !(await beforeRun())) {
        setError("The draft couldn't be saved, so it can't be tested yet.");
        return;
      }
      const result = await actions.runOnContact({ workspaceId, workflowId, contactId, mode });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      follow(result.data.runId);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void loadRuns();
        else if (polling.current) clearTimeout(polling.current);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          <FlaskConical aria-hidden /> Run on contact…
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Run on contact</DialogTitle>
          <DialogDescription>
            Runs the workflow for one contact now, skipping its trigger. Steps really happen: messages are sent to that contact.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-1.5">
          <Label htmlFor={`${baseId}-search`}>Find a contact</Label>
          <Input id={`${baseId}-search`} value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Name, email or phone" autoComplete="off" />
        </div>
        <fieldset className="grid gap-1">
          <legend id={`${baseId}-contact`} className="mb-1 text-sm font-medium">
            Contact
          </legend>
          {contacts.length === 0 ? <p className="text-sm text-muted-foreground">No contacts found.</p> : null}
          <RadioGroup value={contactId} onValueChange={setContactId} aria-labelledby={`${baseId}-contact`} className="max-h-48 gap-1 overflow-y-auto rounded-md border p-2">
            {contacts.map((contact) => (
              <div key={contact.id} className="flex items-center gap-2">
                <RadioGroupItem value={contact.id} id={`${baseId}-c-${contact.id}`} />
                <label htmlFor={`${baseId}-c-${contact.id}`} className="text-sm">
                  {contact.name}
                  {contact.email ? <span className="text-muted-foreground"> · {contact.email}</span> : null}
                </label>
              </div>
            ))}
          </RadioGroup>
        </fieldset>
        <fieldset className="grid gap-1">
          <legend id={`${baseId}-mode`} className="mb-1 text-sm font-medium">
            Version
          </legend>
          <RadioGroup value={mode} onValueChange={(next) => setMode(next === "live" ? "live" : "draft")} aria-labelledby={`${baseId}-mode`} className="flex gap-4">
            <div className="flex items-center gap-2">
              <RadioGroupItem value="draft" id={`${baseId}-draft`} />
              <label htmlFor={`${baseId}-draft`} className="text-sm">
                Draft (test run)
              </label>
            </div>
            <div className="flex items-center gap-2">
              <RadioGroupItem value="live" id={`${baseId}-live`} disabled={!isLive} />
              <label htmlFor={`${baseId}-live`} className="text-sm">
                Live version
              </label>
            </div>
          </RadioGroup>
        </fieldset>
        {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
        <div className="flex justify-end">
          <Button onClick={() => void start()} disabled={!contactId || busy}>
            {busy ? "Starting…" : "Run"}
          </Button>
        </div>
        {run ? <StepLog run={run} /> : null}
        {runs.length ? (
          <section aria-labelledby={`${baseId}-recent`} className="grid gap-1.5 border-t pt-3">
            <h3 id={`${baseId}-recent`} className="text-sm font-medium">
              Recent runs
            </h3>
            <ul className="grid gap-1">
              {runs.slice(0, 10).map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    className="flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
                    onClick={() => follow(item.id)}
                  >
                    <span className="flex-1 truncate">{item.contactName}</span>
                    <span className="text-xs text-muted-foreground">{item.isTest ? "test · " : ""}{item.status}</span>
                    <span className="text-xs text-muted-foreground"><LocalTime value={item.createdAt} /></span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
