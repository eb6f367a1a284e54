"use client";

import { MessageEditor } from "@/components/rich-text/message-editor";
import { emptyDocument, richTextDocumentSchema } from "@/lib/rich-text/document-schema";
import { useMemo } from "react";
import { useEditorContext } from "@/components/workflow-editor/editor-context";
import { describedBy, type FieldControlProps } from "./field-props";
import { FieldMessages } from "./field-messages";
import { MessageLivePreview } from "./message-live-preview";
import { SmsSegments } from "./sms-segments";

export function RichTextField({ id, meta, value, config, onChange, disabled, errors, disabledReason }: FieldControlProps<"rich-text">) {
  const { customAttributeKeys, channels } = useEditorContext();
  const labelId = `${id}-label`;
  const doc = useMemo(() => {
    const parsed = richTextDocumentSchema.safeParse(value);
    return parsed.success ? parsed.data : emptyDocument();
  }, [value]);
  const customVariables = useMemo(() => [...customAttributeKeys], [customAttributeKeys]);
  const senderUserId = typeof config.senderUserId === "string" ? config.senderUserId : null;
  // Only a node that names a channel can be on SMS; the default channel is always chat.
  const channelId = typeof config.channelId === "string" ? config.channelId : null;
  const isSms = channelId !== null && channels.find((channel) => channel.id === channelId)?.kind === "sms";

  return (
    <div className="grid gap-1.5">
      {/* A contenteditable can't be the target of htmlFor, so the label names it by id and focuses it on click. */}
      <label id={labelId} className="text-sm font-medium" onClick={() => document.getElementById(id)?.focus()}>
        {meta.label}
      </label>
      <MessageEditor
        id={id}
        value={doc}
        onChange={onChange}
        ariaLabelledBy={labelId}
        ariaDescribedBy={describedBy(id, { meta, errors, disabledReason })}
        invalid={errors.length > 0}
        customVariables={customVariables}
        placeholder="Write a message… type {{ for a variable"
        disabled={disabled}
      />
      <FieldMessages id={id} meta={meta} errors={errors} disabledReason={disabledReason} />
      {isSms ? <SmsSegments id={`${id}-sms`} message={doc} /> : null}
      <MessageLivePreview id={`${id}-preview`} message={doc} senderUserId={senderUserId} />
    </div>
  );
}
