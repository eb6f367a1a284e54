"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DEFAULT_DESTINATION } from "@/lib/workflow/customer-destination";
import { useEditorContext } from "@/components/workflow-editor/editor-context";
import { configChannel } from "@/components/workflow-editor/field-kinds";
import { describedBy, type FieldControlProps } from "./field-props";
import { FieldMessages } from "./field-messages";

/**
 * A plain text field. A channel address (the definition's channelAddress) shows what leaving it
 * empty means on the node's channel, since that differs between chat and SMS.
 */
export function TextField({ id, meta, control, value, config, onChange, disabled, errors, disabledReason }: FieldControlProps<"text">) {
  const { channels } = useEditorContext();
  const channel = configChannel(config, channels);
  const destinationHint = control.channelAddress && channel
    ? channel.kind === "sms"
      ? `Empty means ${DEFAULT_DESTINATION.sms}: the contact's phone number (E.164, e.g. +14155550123).`
      : channel.kind === "email"
        ? `Empty means ${DEFAULT_DESTINATION.email}: the contact's email address.`
        : "Empty means the contact's chat, whichever session they open next; {{session.id}} pins it to the session that triggered the run."
    : null;
  const hintId = destinationHint ? `${id}-channel-hint` : undefined;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{meta.label}</Label>
      <Input
        id={id}
        value={typeof value === "string" ? value : ""}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy(id, { meta, errors, disabledReason }, hintId)}
        placeholder={destinationHint && channel && channel.kind !== "chat" ? DEFAULT_DESTINATION[channel.kind] : undefined}
        autoComplete="off"
      />
      {destinationHint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {destinationHint}
        </p>
      ) : null}
      <FieldMessages id={id} meta={meta} errors={errors} disabledReason={disabledReason} />
    </div>
  );
}
