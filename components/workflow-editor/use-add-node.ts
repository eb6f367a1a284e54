"use client";

import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback } from "react";
import { nodeOutputs } from "@/lib/workflow/node-definition";
import type { NodeType } from "@/lib/workflow/node-types";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { useEditorContext } from "./editor-context";
import { useEditorStoreApi } from "./editor-store-context";
import { initialConfig } from "./field-kinds";
import type { FlowNode } from "./flow-types";
import { DEFAULT_NODE_SIZE } from "./tidy-layout";

const GAP = 80;

/** The first output of `node` that nothing is connected to yet. */
function freeOutput(node: FlowNode, usedHandles: ReadonlySet<string>): string | null {
  const port = nodeOutputs(nodeDefinitions[node.type], node.data.config).find((output) => !usedHandles.has(output.id));
  return port?.id ?? null;
}

/**
 * Adds a node from the palette. Dropped at a point, it lands there. Clicked (or chosen with the
 * keyboard) it goes below the selected step and is connected to its free output, which is how a
 * keyboard user builds a flow without dragging handles; with nothing selected it lands mid-view.
 */
export function useAddNode() {
  const store = useEditorStoreApi();
  const flow = useReactFlow<FlowNode>();
  const flowStore = useStoreApi<FlowNode>();
  const { currentUserId } = useEditorContext();

  return useCallback(
    (type: NodeType, dropAt?: { x: number; y: number }) => {
      const definition = nodeDefinitions[type];
      const config = initialConfig(definition, currentUserId);
      if (dropAt) {
        store.addNode(type, { x: Math.round(dropAt.x - DEFAULT_NODE_SIZE.width / 2), y: Math.round(dropAt.y - 24) }, config);
        return;
      }
      const { nodes, edges } = store.getState();
      const selected = nodes.filter((node) => node.selected);
      const anchor = selected.length === 1 ? selected[0] : undefined;
      if (anchor) {
        const used = new Set(edges.filter((edge) => edge.source === anchor.id).map((edge) => edge.sourceHandle ?? "out"));
        const handle = freeOutput(anchor, used);
        const height = anchor.measured?.height ?? DEFAULT_NODE_SIZE.height;
        const outputs = nodeOutputs(nodeDefinitions[anchor.type], anchor.data.config);
        const index = Math.max(0, outputs.findIndex((port) => port.id === handle));
        const spread = outputs.length > 1 ? (index - (outputs.length - 1) / 2) * (DEFAULT_NODE_SIZE.width + 40) : 0;
        const position = { x: Math.round(anchor.position.x + spread), y: Math.round(anchor.position.y + height + GAP) };
        const id = store.addNode(type, position, config);
        if (handle && definition.inputs.length > 0) {
          store.connect({ source: anchor.id, sourceHandle: handle, target: id, targetHandle: definition.inputs[0]?.id ?? null });
        }
        void flow.setCenter(position.x + DEFAULT_NODE_SIZE.width / 2, position.y + DEFAULT_NODE_SIZE.height / 2, { zoom: flow.getZoom(), duration: 200 });
        return;
      }
      // screenToFlowPosition takes client coordinates, so the pane's own offset is added.
      const { width, height, domNode } = flowStore.getState();
      const pane = domNode?.getBoundingClientRect() ?? { left: 0, top: 0 };
      const at = flow.screenToFlowPosition({ x: pane.left + width / 2, y: pane.top + height / 2 });
      const offset = (nodes.length % 5) * 24;
      store.addNode(type, { x: Math.round(at.x - DEFAULT_NODE_SIZE.width / 2 + offset), y: Math.round(at.y - DEFAULT_NODE_SIZE.height / 2 + offset) }, config);
    },
    [store, flow, flowStore, currentUserId],
  );
}
