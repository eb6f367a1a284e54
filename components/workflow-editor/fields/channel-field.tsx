"use client";

import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useEditorContext } from "@/components/workflow-editor/editor-context";
import { CHANNEL_KIND_LABELS } from "@/lib/workflow/customer-destination";
import { describedBy, type FieldControlProps } from "./field-props";
import { FieldMessages } from "./field-messages";

// Radix Select can't hold an empty value; this stands for null ("the default" / "any").
const NONE = "__none__";

export function ChannelField({ id, meta, control, value, onChange, disabled, errors, disabledReason }: FieldControlProps<"channel">) {
  const { channels } = useEditorContext();
  // The definition says which channels the field offers and what leaving it empty means.
  const choices = channels.filter((channel) => !control.chatOnly || channel.kind === "chat");
  const defaultChat = channels.find((channel) => channel.kind === "chat" && channel.isDefault);
  const noneLabel = control.emptyMeans === "any chat channel" ? "Any chat channel" : `Default chat channel${defaultChat ? ` (${defaultChat.name})` : ""}`;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{meta.label}</Label>
      <Select value={typeof value === "string" ? value : NONE} onValueChange={(next) => onChange(next === NONE ? null : next)} disabled={disabled}>
        <SelectTrigger id={id} aria-invalid={errors.length ? true : undefined} aria-describedby={describedBy(id, { meta, errors, disabledReason })}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {control.emptyMeans ? <SelectItem value={NONE}>{noneLabel}</SelectItem> : null}
          {choices.map((channel) => (
            <SelectItem key={channel.id} value={channel.id}>
              {channel.name}
              <span className="text-xs text-muted-foreground">{CHANNEL_KIND_LABELS[channel.kind]}</span>
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <FieldMessages id={id} meta={meta} errors={errors} disabledReason={disabledReason} />
    </div>
  );
}
