"use client";

import type { ComponentType } from "react";
import type { FieldKind } from "@/components/workflow-editor/field-kinds";
import { AssigneeField } from "./assignee-field";
import { AudienceFilterField } from "./audience-filter-field";
import { BooleanField } from "./boolean-field";
import { ChannelField } from "./channel-field";
import { ChoiceField } from "./choice-field";
import { DurationField } from "./duration-field";
import type { FieldControlProps } from "./field-props";
import { PercentagesField } from "./percentages-field";
import { RichTextField } from "./rich-text-field";
import { SendWindowField } from "./send-window-field";
import { TextField } from "./text-field";
import { UserField } from "./user-field";

// One control per kind of value; the Record makes a new FieldKind without a control a compile error.
const CONTROLS: { [K in FieldKind["kind"]]: ComponentType<FieldControlProps<K>> } = {
  choice: ChoiceField,
  boolean: BooleanField,
  text: TextField,
  "rich-text": RichTextField,
  assignee: AssigneeField,
  duration: DurationField,
  "audience-filter": AudienceFilterField,
  "send-window": SendWindowField,
  user: UserField,
  channel: ChannelField,
  percentages: PercentagesField,
};

export function FieldControl(props: FieldControlProps) {
  const Control = CONTROLS[props.control.kind] as ComponentType<FieldControlProps>;
  return <Control {...props} />;
}
