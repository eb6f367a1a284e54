"use client";

import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
} from "@xyflow/react";
import { Maximize } from "lucide-react";
import { useCallback, useRef, useState, type DragEvent } from "react";
import { isNodeType } from "@/lib/workflow/node-types";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { useEditorStoreApi, useEditorState } from "./editor-store-context";
import { useFitView } from "./fit-view";
import type { FlowNode } from "./flow-types";
import { initialViewNodes, LARGE_WORKFLOW } from "./initial-view";
import { nodeTypes } from "./node-types";
import { PALETTE_DRAG_TYPE } from "./palette";
import { useAddNode } from "./use-add-node";
import { useEditorShortcuts } from "./use-editor-shortcuts";

const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1 };
const PRO_OPTIONS = { hideAttribution: false };

function minimapColor(node: FlowNode): string {
  return nodeDefinitions[node.type].category === "trigger" ? "#fcd34d" : "#a5b4fc";
}

export function WorkflowCanvas({ readOnly = false }: { readOnly?: boolean }) {
  const store = useEditorStoreApi();
  const nodes = useEditorState((state) => state.nodes);
  const edges = useEditorState((state) => state.edges);
  const { screenToFlowPosition } = useReactFlow<FlowNode>();
  const addNode = useAddNode();
  const wrapper = useRef<HTMLDivElement>(null);
  // Read once: React Flow applies fitView options only when it first mounts.
  const [initialFit] = useState(() => {
    const { nodes: first, edges: firstEdges } = store.getState();
    const focus = initialViewNodes(first, firstEdges);
    return focus ? { ...FIT_VIEW_OPTIONS, nodes: focus } : FIT_VIEW_OPTIONS;
  });
  useEditorShortcuts(store, wrapper, !readOnly);
  const fitView = useFitView();

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!isNodeType(type)) return;
      event.preventDefault();
      addNode(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [addNode, screenToFlowPosition],
  );

  const isValidConnection = useCallback((connection: Connection | Edge) => store.isValidConnection(connection), [store]);

  return (
    <div ref={wrapper} className="relative h-full w-full" onDragOver={onDragOver} onDrop={onDrop} data-testid="workflow-canvas" data-workflow-canvas="">
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={store.onNodesChange}
        onEdgesChange={store.onEdgesChange}
        onConnect={store.connect}
        isValidConnection={isValidConnection}
        connectionLineType={ConnectionLineType.SmoothStep}
        // Deleting goes through the editor's own shortcut so nodes and their edges go in one undo step.
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={["Meta", "Control"]}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        onlyRenderVisibleElements={nodes.length > LARGE_WORKFLOW}
        minZoom={0.05}
        maxZoom={2}
        fitView
        fitViewOptions={initialFit}
        proOptions={PRO_OPTIONS}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        {/* Our own Fit view button: React Flow's would frame the steps under a panel lying over the canvas. */}
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={() => fitView()} title="Fit View" aria-label="Fit View" className="react-flow__controls-fitview">
            <Maximize aria-hidden />
          </ControlButton>
        </Controls>
        <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Mini map of the workflow" />
      </ReactFlow>
      {nodes.length === 0 ? (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
          <p className="max-w-xs rounded-lg border border-dashed bg-background/90 px-4 py-3 text-center text-sm text-muted-foreground">
            {readOnly ? "This workflow is empty." : "Drag a trigger from the left onto the canvas to start, or click one to add it."}
          </p>
        </div>
      ) : null}
    </div>
  );
}
