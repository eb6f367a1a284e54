"use client";

import { Plus } from "lucide-react";
import type { DragEvent } from "react";
import { NODE_TYPES, type NodeType } from "@/lib/workflow/node-types";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { NodeIcon } from "./node-icon";

export const PALETTE_DRAG_TYPE = "application/x-parley-node-type";

const GROUPS = [
  { category: "trigger", title: "Triggers" },
  { category: "action", title: "Actions" },
] as const;

function onDragStart(event: DragEvent<HTMLButtonElement>, type: NodeType) {
  event.dataTransfer.setData(PALETTE_DRAG_TYPE, type);
  event.dataTransfer.effectAllowed = "copy";
}

/**
 * Every node type from the registry, grouped by category. Drag one onto the canvas, or activate
 * it (click, Enter, Space) to add it below the selected step and connect it.
 */
export function Palette({ onAdd, disabled }: { onAdd: (type: NodeType) => void; disabled?: boolean }) {
  return (
    <nav aria-label="Steps" className="flex h-full min-w-0 flex-col gap-4 overflow-y-auto p-3">
      {GROUPS.map((group) => (
        <section key={group.category} aria-labelledby={`palette-${group.category}`} className="min-w-0">
          <h2 id={`palette-${group.category}`} className="mb-2 px-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
            {group.title}
          </h2>
          <ul className="flex min-w-0 flex-col gap-1.5">
            {NODE_TYPES.filter((type) => nodeDefinitions[type].category === group.category).map((type) => {
              const definition = nodeDefinitions[type];
              return (
                <li key={type} className="min-w-0">
                  <button
                    type="button"
                    draggable={!disabled}
                    disabled={disabled}
                    onDragStart={(event) => onDragStart(event, type)}
                    onClick={() => onAdd(type)}
                    title={definition.description}
                    aria-label={`Add ${definition.label}`}
                    data-palette-type={type}
                    className="group flex w-full cursor-grab items-center gap-2 rounded-md border bg-card px-2 py-1.5 text-left text-sm shadow-xs hover:border-primary/50 hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-50"
                  >
                    <NodeIcon icon={definition.icon} className="size-4 shrink-0 text-muted-foreground" />
                    <span className="min-w-0 flex-1 truncate">{definition.label}</span>
                    <Plus className="size-3.5 shrink-0 text-muted-foreground opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100" aria-hidden />
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      <p className="mt-auto px-1 text-xs text-muted-foreground">Drag a step onto the canvas, or click it to add it after the selected step.</p>
    </nav>
  );
}
