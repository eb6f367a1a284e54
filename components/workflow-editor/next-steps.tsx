"use client";

import { useMemo } from "react";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { nodeOutputs } from "@/lib/workflow/node-definition";
import type { NodeType } from "@/lib/workflow/node-types";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { useEditorContext } from "./editor-context";
import type { EditorState } from "./editor-store";
import { useEditorState, useEditorStoreApi } from "./editor-store-context";
import type { FlowNode } from "./flow-types";
import { summarizeNode } from "./node-summary";

// Radix Select can't hold an empty value; this stands for "not connected".
const NONE = "__none__";

type Choice = { id: string; type: NodeType; config: Record<string, unknown> };
let lastNodes: readonly FlowNode[] = [];
let lastChoices: readonly Choice[] = [];

/**
 * The steps an output can lead to. The same array comes back while only positions change, so a
 * drag on a 500-step canvas does not re-render every list.
 */
function stepChoices(state: EditorState): readonly Choice[] {
  const nodes = state.nodes;
  if (nodes === lastNodes) return lastChoices;
  const next = nodes.filter((node) => nodeDefinitions[node.type].category !== "trigger");
  const same =
    next.length === lastChoices.length &&
    next.every((node, i) => node.id === lastChoices[i]!.id && node.type === lastChoices[i]!.type && node.data.config === lastChoices[i]!.config);
  lastNodes = nodes;
  if (!same) lastChoices = next.map((node) => ({ id: node.id, type: node.type, config: node.data.config }));
  return lastChoices;
}

/**
 * Where each output of the step leads, chosen from a list: connecting and disconnecting steps
 * without dragging an edge, so the whole graph can be built from the keyboard.
 */
export function NextSteps({ nodeId, disabled }: { nodeId: string; disabled: boolean }) {
  const store = useEditorStoreApi();
  const { names } = useEditorContext();
  const type = useEditorState((state) => state.nodes.find((node) => node.id === nodeId)?.type);
  const config = useEditorState((state) => state.nodes.find((node) => node.id === nodeId)?.data.config);
  const choices = useEditorState(stepChoices);
  // Read so the selects follow edges drawn or removed on the canvas.
  useEditorState((state) => state.edges);
  const options = useMemo(
    () =>
      choices
        .filter((choice) => choice.id !== nodeId)
        .map((choice) => ({ id: choice.id, label: nodeDefinitions[choice.type].label, summary: summarizeNode(choice.type, choice.config, names) })),
    [choices, nodeId, names],
  );
  if (!type) return null;
  const outputs = nodeOutputs(nodeDefinitions[type], config);
  if (outputs.length === 0) return null;

  return (
    <section aria-labelledby={`${nodeId}-next-steps`} className="grid gap-3 border-t pt-4">
      <h3 id={`${nodeId}-next-steps`} className="text-sm font-semibold">
        Next steps
      </h3>
      {outputs.map((port) => {
        const id = `${nodeId}-next-${port.id}`;
        const target = store.outputTarget(nodeId, port.id);
        const chosen = options.find((option) => option.id === target);
        return (
          <div key={port.id} className="grid gap-1.5">
            <Label htmlFor={id}>{outputs.length > 1 ? `${port.label}: next step` : "Next step"}</Label>
            <Select value={target ?? NONE} onValueChange={(next) => store.setOutputTarget(nodeId, port.id, next === NONE ? null : next)} disabled={disabled}>
              {/* The summary is cut to the panel's width; the title keeps it readable in full. */}
              <SelectTrigger id={id} className="min-w-0" title={chosen ? `${chosen.label} · ${chosen.summary}` : undefined}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NONE}>Not connected (the run ends here)</SelectItem>
                {options.map((option) => (
                  <SelectItem key={option.id} value={option.id}>
                    {option.label}
                    <span className="max-w-48 truncate text-xs text-muted-foreground">{option.summary}</span>
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        );
      })}
    </section>
  );
}
