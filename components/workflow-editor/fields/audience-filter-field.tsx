"use client";

import { Plus, Trash2 } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ATTRIBUTE_OPERATOR_LABELS, VALUE_OPERATORS, type AttributeOperator } from "@/lib/workflow/audience/audience-filter";
import { useEditorContext } from "@/components/workflow-editor/editor-context";
import { AudienceDaysInput } from "./audience-days-input";
import { AudiencePreview } from "./audience-preview";
import {
  addCondition,
  coerceConditionValue,
  LAST_CONVERSATION_CHOICES,
  lastConversationChoice,
  OPERATORS,
  parseTagList,
  readFilter,
  removeCondition,
  updateCondition,
  withLastConversation,
  type LastConversationChoice,
} from "./audience-filter-model";
import type { FieldControlProps } from "./field-props";
import { FieldMessages } from "./field-messages";

const TAG_FIELDS = [
  { key: "any", label: "Tagged with any of" },
  { key: "all", label: "Tagged with all of" },
  { key: "none", label: "Not tagged with" },
] as const;

/** Audience Matched's filter: last conversation, attribute conditions and tags, with a live count. */
export function AudienceFilterField({ id, meta, value, onChange, disabled, errors, disabledReason }: FieldControlProps<"audience-filter">) {
  const { customAttributeKeys } = useEditorContext();
  const filter = readFilter(value);
  const choice = lastConversationChoice(filter);
  const days = filter.lastConversation && "days" in filter.lastConversation ? filter.lastConversation.days : 30;
  const datalistId = useId();

  return (
    <fieldset className="grid gap-4" disabled={disabled}>
      <legend className="mb-2 text-sm font-medium">{meta.label}</legend>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-last`}>Last conversation</Label>
        <Select value={choice} onValueChange={(next) => onChange(withLastConversation(filter, next as LastConversationChoice))}>
          <SelectTrigger id={`${id}-last`}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {LAST_CONVERSATION_CHOICES.map((option) => (
              <SelectItem key={option.value} value={option.value}>
                {option.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {choice === "older_than_days" || choice === "older_than_days_or_never" ? (
          <AudienceDaysInput id={`${id}-days`} days={days} onChange={(next) => onChange(withLastConversation(filter, choice, next))} />
        ) : null}
      </div>

      <div className="grid gap-2">
        <p className="text-sm font-medium" id={`${id}-attributes`}>
          Attributes
        </p>
        <datalist id={datalistId}>
          {customAttributeKeys.map((key) => (
            <option key={key} value={key} />
          ))}
        </datalist>
        {filter.attributes.length === 0 ? <p className="text-xs text-muted-foreground">No attribute conditions.</p> : null}
        <ul className="grid gap-2" aria-labelledby={`${id}-attributes`}>
          {filter.attributes.map((condition, index) => {
            const rowId = `${id}-attr-${index}`;
            const needsValue = VALUE_OPERATORS.has(condition.op);
            return (
              <li key={index} className="grid grid-cols-[1fr_auto] gap-2 rounded-md border p-2">
                <div className="grid gap-2">
                  <div className="grid gap-1">
                    <Label htmlFor={`${rowId}-key`} className="text-xs">
                      Attribute {index + 1}
                    </Label>
                    <Input
                      id={`${rowId}-key`}
                      list={datalistId}
                      value={condition.key}
                      onChange={(event) => onChange(updateCondition(filter, index, { key: event.target.value }))}
                    />
                  </div>
                  <div className="flex gap-2">
                    <Select value={condition.op} onValueChange={(op) => onChange(updateCondition(filter, index, { op: op as AttributeOperator }))}>
                      <SelectTrigger aria-label={`Attribute ${index + 1} comparison`} className="w-40">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {OPERATORS.map((op) => (
                          <SelectItem key={op} value={op}>
                            {ATTRIBUTE_OPERATOR_LABELS[op]}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                    {needsValue ? (
                      <Input
                        aria-label={`Attribute ${index + 1} value`}
                        value={condition.value === null ? "" : String(condition.value)}
                        onChange={(event) => onChange(updateCondition(filter, index, { value: coerceConditionValue(condition.op, event.target.value) }))}
                      />
                    ) : null}
                  </div>
                </div>
                <Button
                  variant="ghost"
                  size="icon-sm"
                  aria-label={`Remove attribute condition ${index + 1}`}
                  onClick={() => onChange(removeCondition(filter, index))}
                >
                  <Trash2 aria-hidden />
                </Button>
              </li>
            );
          })}
        </ul>
        <Button variant="outline" size="sm" className="justify-self-start" onClick={() => onChange(addCondition(filter, customAttributeKeys[0] ?? ""))}>
          <Plus aria-hidden /> Add attribute condition
        </Button>
      </div>

      <div className="grid gap-3">
        {TAG_FIELDS.map((tagField) => (
          <TagInput
            // Re-mounted when the tags change from outside (undo), since the input keeps its own text while typing.
            key={`${tagField.key}:${filter.tags[tagField.key].join(",")}`}
            id={`${id}-tags-${tagField.key}`}
            label={tagField.label}
            tags={filter.tags[tagField.key]}
            onChange={(tags) => onChange({ ...filter, tags: { ...filter.tags, [tagField.key]: tags } })}
          />
        ))}
      </div>
      <FieldMessages id={id} meta={meta} errors={errors} disabledReason={disabledReason} />
      <AudiencePreview filter={filter} />
    </fieldset>
  );
}

function TagInput({ id, label, tags, onChange }: { id: string; label: string; tags: readonly string[]; onChange: (tags: string[]) => void }) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        defaultValue={tags.join(", ")}
        placeholder="Comma-separated tags"
        aria-describedby={`${id}-hint`}
        onBlur={(event) => {
          const next = parseTagList(event.target.value);
          if (next.join(",") !== tags.join(",")) onChange(next);
        }}
      />
      <p id={`${id}-hint`} className="sr-only">
        Separate tags with commas.
      </p>
    </div>
  );
}
