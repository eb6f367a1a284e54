"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Textarea } from "@/components/ui/textarea";
import { setAllowedWebsitesAction } from "@/lib/actions/channels";

type Props = { workspaceId: string; channelId: string; channelName: string; origins: string[]; canEdit: boolean };

/**
 * The websites that may show this chat in a frame (the embed snippet's iframe). Empty means any
 * website may, which the form warns about: a site can then frame the chat and dress it as its own.
 */
export function AllowedWebsitesForm({ workspaceId, channelId, channelName, origins, canEdit }: Props) {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState(origins.join("\n"));
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const hint = "One per line, e.g. https://www.example.com or https://*.example.com. Only these sites can embed the chat.";

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    startTransition(async () => {
      const result = await setAllowedWebsitesAction({ workspaceId, channelId, origins: value.split("\n") });
      if (!result.ok) return setError(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.error);
      setError(undefined);
      setValue(result.data.origins.join("\n"));
      setSaved(true);
      router.refresh();
    });
  };

  return (
    <form onSubmit={onSubmit} className="grid gap-2">
      <Field id={id} label={<>Allowed websites<span className="sr-only"> for {channelName}</span></>} hint={hint} error={error}>
        <Textarea
          id={id}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          rows={3}
          readOnly={!canEdit}
          spellCheck={false}
          className="font-mono text-xs"
          aria-invalid={error ? true : undefined}
          aria-describedby={fieldDescribedBy(id, { hint, error })}
        />
      </Field>
      {origins.length === 0 ? (
        <InlineStatus tone="warning">Any website can embed this chat now. List your own sites so no other site can frame it.</InlineStatus>
      ) : null}
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" variant="secondary" disabled={pending}>
            Save allowed websites
          </Button>
          {saved ? <InlineStatus tone="success">Allowed websites saved.</InlineStatus> : null}
        </div>
      ) : null}
    </form>
  );
}
