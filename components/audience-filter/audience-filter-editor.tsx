"use client";

import { Plus, Trash2 } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ATTRIBUTE_OPERATOR_LABELS, VALUE_OPERATORS, type AttributeCondition, type AttributeOperator, type AudienceFilter } from "@/lib/workflow/audience/audience-filter";
import { AudienceDaysInput } from "./audience-days-input";
import {
  addCondition,
  attributeOf,
  coerceConditionValue,
  LAST_CONVERSATION_CHOICES,
  lastConversationChoice,
  operatorsFor,
  parseTagList,
  removeCondition,
  updateCondition,
  withConditionKey,
  withLastConversation,
  type FilterAttribute,
  type LastConversationChoice,
} from "./audience-filter-model";

const TAG_FIELDS = [
  { key: "any", label: "Tagged with any of" },
  { key: "all", label: "Tagged with all of" },
  { key: "none", label: "Not tagged with" },
] as const;

export type AudienceFilterEditorProps = {
  id: string;
  filter: AudienceFilter;
  onChange: (filter: AudienceFilter) => void;
  /** The workspace's attributes: typed ones offer their type's operators and controls. */
  attributes: readonly FilterAttribute[];
  /** The workspace's tags, suggested while typing one. */
  tags?: readonly string[];
  disabled?: boolean;
  /** Offer the last-conversation condition (a workflow goal looks at attributes and tags only). */
  lastConversation?: boolean;
};

/**
 * THE contact filter editor: last conversation, attribute conditions (per-type operators) and
 * tags. Audience Matched's panel and the Contacts list both use it; both compile the result with
 * compileAudience, so what the list shows is what the trigger would match.
 */
export function AudienceFilterEditor({ id, filter, onChange, attributes, tags = [], disabled, lastConversation = true }: AudienceFilterEditorProps) {
  const choice = lastConversationChoice(filter);
  const days = filter.lastConversation && "days" in filter.lastConversation ? filter.lastConversation.days : 30;
  const keysListId = useId();
  const tagsListId = useId();

  return (
    <fieldset className="grid min-w-0 gap-4 border-0 p-0" disabled={disabled}>
      {lastConversation ? (
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
      ) : null}

      <div className="grid gap-2">
        <p className="text-sm font-medium" id={`${id}-attributes`}>
          Attributes
        </p>
        <datalist id={keysListId}>
          {attributes.map((attribute) => (
            <option key={attribute.key} value={attribute.key}>
              {attribute.label}
            </option>
          ))}
        </datalist>
        {filter.attributes.length === 0 ? <p className="text-xs text-muted-foreground">No attribute conditions.</p> : null}
        <ul className="grid gap-2" aria-labelledby={`${id}-attributes`}>
          {filter.attributes.map((condition, index) => (
            <ConditionRow
              key={index}
              id={`${id}-attr-${index}`}
              index={index}
              condition={condition}
              attribute={attributeOf(attributes, condition.key)}
              keysListId={keysListId}
              onKey={(key) => {
                const attribute = attributes.find((candidate) => candidate.key === key);
                // A known attribute brings its type's operators; a free key being typed keeps the row as is.
                onChange(attribute && attribute.type !== "free" ? withConditionKey(filter, index, attribute) : updateCondition(filter, index, { key }));
              }}
              onPatch={(patch) => onChange(updateCondition(filter, index, patch))}
              onRemove={() => onChange(removeCondition(filter, index))}
            />
          ))}
        </ul>
        <Button
          variant="outline"
          size="sm"
          className="justify-self-start"
          onClick={() => {
            const first = attributes[0];
            const added = addCondition(filter, first?.key ?? "");
            onChange(first && first.type !== "free" ? withConditionKey(added, added.attributes.length - 1, first) : added);
          }}
        >
          <Plus aria-hidden /> Add attribute condition
        </Button>
      </div>

      <div className="grid gap-3">
        <datalist id={tagsListId}>
          {tags.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        {TAG_FIELDS.map((tagField) => (
          <TagListInput
            // Re-mounted when the tags change from outside (undo), since the input keeps its own text while typing.
            key={`${tagField.key}:${filter.tags[tagField.key].join(",")}`}
            id={`${id}-tags-${tagField.key}`}
            label={tagField.label}
            tags={filter.tags[tagField.key]}
            listId={tags.length ? tagsListId : undefined}
            onChange={(next) => onChange({ ...filter, tags: { ...filter.tags, [tagField.key]: next } })}
          />
        ))}
      </div>
    </fieldset>
  );
}

type ConditionRowProps = {
  id: string;
  index: number;
  condition: AttributeCondition;
  attribute: FilterAttribute;
  keysListId: string;
  onKey: (key: string) => void;
  onPatch: (patch: Partial<AttributeCondition>) => void;
  onRemove: () => void;
};

function ConditionRow({ id, index, condition, attribute, keysListId, onKey, onPatch, onRemove }: ConditionRowProps) {
  const operators = operatorsFor(attribute, condition.op);
  const n = index + 1;
  return (
    <li className="grid grid-cols-[1fr_auto] gap-2 rounded-md border p-2">
      <div className="grid min-w-0 gap-2">
        <div className="grid gap-1">
          <Label htmlFor={`${id}-key`} className="text-xs">
            Attribute {n}
            {attribute.type !== "free" ? <span className="font-normal text-muted-foreground"> · {attribute.label}</span> : null}
          </Label>
          <Input id={`${id}-key`} list={keysListId} value={condition.key} autoComplete="off" onChange={(event) => onKey(event.target.value)} />
        </div>
        <div className="flex flex-wrap gap-2">
          <Select value={condition.op} onValueChange={(op) => onPatch({ op: op as AttributeOperator })}>
            <SelectTrigger aria-label={`Attribute ${n} comparison`} className="w-48">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {operators.map((op) => (
                <SelectItem key={op} value={op}>
                  {ATTRIBUTE_OPERATOR_LABELS[op]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          {VALUE_OPERATORS.has(condition.op) ? <ConditionValue n={n} condition={condition} attribute={attribute} onPatch={onPatch} /> : null}
        </div>
      </div>
      <Button variant="ghost" size="icon-sm" aria-label={`Remove attribute condition ${n}`} onClick={onRemove}>
        <Trash2 aria-hidden />
      </Button>
    </li>
  );
}

/** The value control of a condition's type: a date picker, a number, yes/no, a list's options, or text. */
function ConditionValue({ n, condition, attribute, onPatch }: { n: number; condition: AttributeCondition; attribute: FilterAttribute; onPatch: (patch: Partial<AttributeCondition>) => void }) {
  const label = `Attribute ${n} value`;
  const text = condition.value === null || Array.isArray(condition.value) ? "" : String(condition.value);
  if (condition.op === "any_of") {
    const chosen = Array.isArray(condition.value) ? condition.value : [];
    return (
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1" aria-label={label}>
        {attribute.options.map((option) => (
          <label key={option} className="flex items-center gap-1.5 text-sm">
            <Checkbox
              checked={chosen.includes(option)}
              onCheckedChange={(checked) => onPatch({ value: checked ? [...chosen, option] : chosen.filter((item) => item !== option) })}
            />
            {option}
          </label>
        ))}
      </fieldset>
    );
  }
  if (attribute.type === "boolean" && condition.op === "eq") {
    return (
      <Select value={condition.value === false ? "no" : "yes"} onValueChange={(next) => onPatch({ value: next === "yes" })}>
        <SelectTrigger aria-label={label} className="w-28">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value="yes">Yes</SelectItem>
          <SelectItem value="no">No</SelectItem>
        </SelectContent>
      </Select>
    );
  }
  if (condition.op === "before" || condition.op === "after") {
    return <Input type="date" aria-label={label} className="w-44" value={text} onChange={(event) => onPatch({ value: event.target.value })} />;
  }
  const numeric = condition.op === "gt" || condition.op === "lt" || condition.op === "within_last_days" || attribute.type === "number";
  return (
    <Input
      aria-label={condition.op === "within_last_days" ? `${label} (days)` : label}
      type={numeric ? "number" : "text"}
      inputMode={numeric ? "decimal" : undefined}
      className="min-w-0 flex-1 basis-32"
      value={text}
      onChange={(event) => {
        const raw = event.target.value;
        const value = attribute.type === "number" && raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : coerceConditionValue(condition.op, raw);
        onPatch({ value });
      }}
    />
  );
}

function TagListInput({ id, label, tags, listId, onChange }: { id: string; label: string; tags: readonly string[]; listId?: string; onChange: (tags: string[]) => void }) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        defaultValue={tags.join(", ")}
        placeholder="Comma-separated tags"
        list={listId}
        autoComplete="off"
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
