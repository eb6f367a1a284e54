"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { createChatChannelAction, renameChannelAction } from "@/lib/actions/channels";

type Props = { workspaceId: string } & ({ mode: "create" } | { mode: "rename"; channelId: string; name: string });

/** Creates a chat channel or renames one (owners and admins; the action checks the role again). */
export function ChannelNameForm(props: Props) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [value, setValue] = useState(props.mode === "rename" ? props.name : "");

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    startTransition(async () => {
      const result =
        props.mode === "create"
          ? await createChatChannelAction({ workspaceId: props.workspaceId, name: value })
          : await renameChannelAction({ workspaceId: props.workspaceId, channelId: props.channelId, name: value });
      if (!result.ok) return setError(result.fieldErrors?.name?.[0] ?? result.error);
      setError(undefined);
      setSaved(true);
      if (props.mode === "create") setValue("");
      router.refresh();
    });
  };

  return (
    <form onSubmit={onSubmit} className="grid gap-2">
      <Field id={id} label={props.mode === "create" ? "New chat channel name" : "Channel name"} error={error}>
        <div className="flex flex-wrap items-center gap-2">
          <Input
            id={id}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            required
            maxLength={80}
            aria-invalid={error ? true : undefined}
            aria-describedby={fieldDescribedBy(id, { error })}
            className="max-w-xs"
          />
          <Button type="submit" variant={props.mode === "create" ? "primary" : "secondary"} disabled={pending}>
            {props.mode === "create" ? "Create chat channel" : "Save name"}
          </Button>
        </div>
      </Field>
      {saved ? <InlineStatus tone="success">{props.mode === "create" ? "Chat channel created." : "Channel name saved."}</InlineStatus> : null}
    </form>
  );
}
