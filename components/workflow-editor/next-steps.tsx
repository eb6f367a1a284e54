"use client";

import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { useEditorContext } from "./editor-context";
import { useEditorState, useEditorStoreApi } from "./editor-store-context";
import { summarizeNode } from "./node-summary";

// Radix Select can't hold an empty value; this stands for "not connected".
const NONE = "__none__";

/**
 * Where each output of the step leads, chosen from a list: connecting and disconnecting steps
 * without dragging an edge, so the whole graph can be built from the keyboard.
 */
export function NextSteps({ nodeId, disabled }: { nodeId: string; disabled: boolean }) {
  const store = useEditorStoreApi();
  const { names } = useEditorContext();
  const nodes = useEditorState((state) => state.nodes);
  // Read so the selects follow edges drawn or removed on the canvas.
  useEditorState((state) => state.edges);
  const type = nodes.find((node) => node.id === nodeId)?.type;
  if (!type) return null;
  const outputs = nodeDefinitions[type].outputs;
  if (outputs.length === 0) return null;
  const candidates = nodes.filter((node) => node.id !== nodeId && nodeDefinitions[node.type].category !== "trigger");

  return (
    <section aria-labelledby={`${nodeId}-next-steps`} className="grid gap-3 border-t pt-4">
      <h3 id={`${nodeId}-next-steps`} className="text-sm font-semibold">
        Next steps
      </h3>
      {outputs.map((port) => {
        const id = `${nodeId}-next-${port.id}`;
        const target = store.outputTarget(nodeId, port.id);
        return (
          <div key={port.id} className="grid gap-1.5">
            <Label htmlFor={id}>{outputs.length > 1 ? `${port.label}: next step` : "Next step"}</Label>
            <Select value={target ?? NONE} onValueChange={(next) => store.setOutputTarget(nodeId, port.id, next === NONE ? null : next)} disabled={disabled}>
              <SelectTrigger id={id}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NONE}>Not connected (the run ends here)</SelectItem>
                {candidates.map((node) => (
                  <SelectItem key={node.id} value={node.id}>
                    {nodeDefinitions[node.type].label}
                    <span className="max-w-48 truncate text-xs text-muted-foreground">{summarizeNode(node.type, node.data.config, names)}</span>
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
