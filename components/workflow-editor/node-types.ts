import type { NodeTypes } from "@xyflow/react";
import { NODE_TYPES } from "@/lib/workflow/node-types";
import { WorkflowNode } from "./workflow-node";

/**
 * Module scope on purpose: React Flow re-mounts every node when this object's identity changes.
 * Every type renders with the same definition-driven shell.
 */
export const nodeTypes: NodeTypes = Object.fromEntries(NODE_TYPES.map((type) => [type, WorkflowNode]));
