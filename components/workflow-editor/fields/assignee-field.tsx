"use client";

import { Avatar } from "@/components/ui/avatar";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectSeparator, SelectTrigger, SelectValue } from "@/components/ui/select";
import { assigneeSchema, type Assignee } from "@/lib/workflow/assignee";
import { useEditorContext } from "@/components/workflow-editor/editor-context";
import { describedBy, type FieldControlProps } from "./field-props";
import { FieldMessages } from "./field-messages";

/** Select values are strings; an assignee is encoded as "user:<id>", "team:<id>" or its type. */
export function encodeAssignee(assignee: Assignee): string {
  if (assignee.type === "user") return `user:${assignee.userId}`;
  if (assignee.type === "team") return `team:${assignee.teamId}`;
  if (assignee.type === "round_robin") return `round_robin:${assignee.teamId}`;
  return assignee.type;
}

export function decodeAssignee(value: string): Assignee | null {
  const [kind, id] = value.split(":", 2);
  const candidate = kind === "user" ? { type: "user", userId: id } : kind === "team" || kind === "round_robin" ? { type: kind, teamId: id } : { type: kind };
  const parsed = assigneeSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

export function AssigneeField({ id, meta, value, onChange, disabled, errors, disabledReason }: FieldControlProps<"assignee">) {
  const { members, teams } = useEditorContext();
  const parsed = assigneeSchema.safeParse(value);
  const current = encodeAssignee(parsed.success ? parsed.data : { type: "unassigned" });
  // Only teams that assign automatically; a step still naming one turned off since keeps showing
  // its choice (with the validation issue under the field) until another is picked.
  const roundRobinTeams = teams.filter((team) => team.roundRobin || current === `round_robin:${team.id}`);
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{meta.label}</Label>
      <Select
        value={current}
        onValueChange={(next) => {
          const assignee = decodeAssignee(next);
          if (assignee) onChange(assignee);
        }}
        disabled={disabled}
      >
        <SelectTrigger id={id} aria-invalid={errors.length ? true : undefined} aria-describedby={describedBy(id, { meta, errors, disabledReason })}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value="unassigned">Unassigned</SelectItem>
          {members.length ? (
            <SelectGroup>
              <SelectSeparator />
              <SelectLabel>Agents</SelectLabel>
              {members.map((member) => (
                <SelectItem key={member.id} value={`user:${member.id}`}>
                  <Avatar name={member.name} src={member.avatarUrl} size="xs" decorative />
                  {member.name}
                </SelectItem>
              ))}
            </SelectGroup>
          ) : null}
          {teams.length ? (
            <SelectGroup>
              <SelectSeparator />
              <SelectLabel>Teams</SelectLabel>
              {teams.map((team) => (
                <SelectItem key={team.id} value={`team:${team.id}`}>
                  {team.name}
                </SelectItem>
              ))}
            </SelectGroup>
          ) : null}
          {roundRobinTeams.length ? (
            <SelectGroup>
              <SelectSeparator />
              <SelectLabel>Team (round robin)</SelectLabel>
              {roundRobinTeams.map((team) => (
                <SelectItem key={team.id} value={`round_robin:${team.id}`}>
                  {team.name} (round robin)
                </SelectItem>
              ))}
            </SelectGroup>
          ) : null}
          <SelectSeparator />
          <SelectItem value="high_priority">High Priority</SelectItem>
        </SelectContent>
      </Select>
      <FieldMessages id={id} meta={meta} errors={errors} disabledReason={disabledReason} />
    </div>
  );
}
