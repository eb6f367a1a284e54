"use client";

import { Avatar } from "@/components/ui/avatar";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useEditorContext } from "@/components/workflow-editor/editor-context";
import { describedBy, type FieldControlProps } from "./field-props";
import { FieldMessages } from "./field-messages";

/** An agent of the workspace, shown with avatar and name as the contact will see them. */
export function UserField({ id, meta, value, onChange, disabled, errors, disabledReason }: FieldControlProps<"user">) {
  const { members, currentUserId } = useEditorContext();
  const selected = typeof value === "string" ? value : "";
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{meta.label}</Label>
      <Select value={selected} onValueChange={onChange} disabled={disabled}>
        <SelectTrigger
          id={id}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={describedBy(id, { meta, errors, disabledReason })}
          className="h-10"
        >
          <SelectValue placeholder="Choose an agent" />
        </SelectTrigger>
        <SelectContent>
          {members.map((member) => (
            <SelectItem key={member.id} value={member.id}>
              <Avatar name={member.name} src={member.avatarUrl} size="sm" decorative />
              {member.name}
              {member.id === currentUserId ? <span className="text-xs text-muted-foreground">(you)</span> : null}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <FieldMessages id={id} meta={meta} errors={errors} disabledReason={disabledReason} />
    </div>
  );
}
