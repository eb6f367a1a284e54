"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { MessageEditor } from "@/components/rich-text/message-editor";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createSavedReplyAction, updateSavedReplyAction } from "@/lib/actions/saved-replies";
import { emptyDocument, type RichTextDocument } from "@/lib/rich-text/document-schema";
import { MAX_SAVED_REPLY_TITLE } from "@/lib/saved-replies/saved-replies.validation";

type Props = {
  workspaceId: string;
  /** The reply being edited; none to write a new one. */
  reply?: { id: string; title: string; body: RichTextDocument; shared: boolean };
  /** Owners and admins may share a reply with the workspace (the service checks it again). */
  canShare: boolean;
  customVariables: string[];
  onDone?: () => void;
};

/** Settings › Saved replies: a title and a rich-text body with variables, personal or shared. */
export function SavedReplyForm({ workspaceId, reply, canShare, customVariables, onDone }: Props) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [title, setTitle] = useState(reply?.title ?? "");
  const [body, setBody] = useState<RichTextDocument>(reply?.body ?? emptyDocument());
  const [shared, setShared] = useState(reply?.shared ?? false);
  const [errors, setErrors] = useState<{ title?: string; body?: string; form?: string }>({});
  const [saved, setSaved] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const input = { workspaceId, title, body, shared };
      const result = reply ? await updateSavedReplyAction({ ...input, savedReplyId: reply.id }) : await createSavedReplyAction(input);
      if (result.ok) {
        setErrors({});
        setSaved(reply ? "Saved." : `“${title.trim()}” saved. Type / in a reply to use it.`);
        if (!reply) {
          setTitle("");
          setBody(emptyDocument());
          setShared(false);
        }
        router.refresh();
        onDone?.();
      } else {
        const field = (key: string) => Object.entries(result.fieldErrors ?? {}).find(([path]) => path === key || path.startsWith(`${key}.`))?.[1]?.[0];
        const titleError = field("title");
        const bodyError = field("body");
        setSaved(null);
        setErrors({ title: titleError, body: bodyError, form: titleError || bodyError ? undefined : result.error });
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" aria-label={reply ? `Edit ${reply.title}` : "New saved reply"}>
      <Field id={`${id}-title`} label="Title" error={errors.title}>
        <Input
          id={`${id}-title`}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          maxLength={MAX_SAVED_REPLY_TITLE}
          required
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={fieldDescribedBy(`${id}-title`, { error: errors.title })}
        />
      </Field>
      <div className="grid gap-1.5">
        <Label id={`${id}-body-label`}>Reply</Label>
        <MessageEditor
          value={body}
          onChange={setBody}
          ariaLabelledBy={`${id}-body-label`}
          ariaDescribedBy={`${id}-body-hint${errors.body ? ` ${id}-body-error` : ""}`}
          invalid={Boolean(errors.body)}
          customVariables={customVariables}
        />
        <p id={`${id}-body-hint`} className="text-xs text-muted-foreground">
          Type {"{{"} for a variable such as the contact&apos;s first name. One with no value for a contact and no fallback is left as a gap for the agent to fill.
        </p>
        {errors.body ? (
          <p id={`${id}-body-error`} role="alert" className="text-xs font-medium text-destructive-soft-foreground">
            {errors.body}
          </p>
        ) : null}
      </div>
      <div className="flex items-start gap-2">
        <Checkbox id={`${id}-shared`} checked={shared} onCheckedChange={(value) => setShared(value === true)} disabled={!canShare} aria-describedby={`${id}-shared-hint`} />
        <div className="grid gap-1">
          <Label htmlFor={`${id}-shared`}>Shared with the workspace</Label>
          <p id={`${id}-shared-hint`} className="text-xs text-muted-foreground">
            {canShare ? "Everyone in the workspace can use it; owners and admins can change it." : "Only owners and admins share replies; yours stay personal."}
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={pending}>
          {reply ? "Save reply" : "Add saved reply"}
        </Button>
        {onDone && reply ? (
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
      {errors.form ? <InlineStatus tone="error">{errors.form}</InlineStatus> : null}
      {saved ? <InlineStatus tone="success">{saved}</InlineStatus> : null}
    </form>
  );
}
