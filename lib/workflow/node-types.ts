import type { NodeDefinition } from "./node-definition";
import { nodeDefinitions } from "./registry";

// Everything here is derived from the registry: adding a node type there adds it here.

export type NodeDefinitions = typeof nodeDefinitions;
export type NodeType = keyof NodeDefinitions & string;
export type NodeConfig<T extends NodeType> = ReturnType<NodeDefinitions[T]["defaultConfig"]>;

const definitions = Object.values(nodeDefinitions) as NodeDefinition[];

/** Every node type, in the registry's order. */
export const NODE_TYPES = definitions.map((definition) => definition.type) as NodeType[];
export const TRIGGER_TYPES = definitions.filter((definition) => definition.category === "trigger").map((definition) => definition.type) as NodeType[];
export const ACTION_TYPES = definitions.filter((definition) => definition.category === "action").map((definition) => definition.type) as NodeType[];

const NODE_TYPE_SET: ReadonlySet<string> = new Set(NODE_TYPES);
const TRIGGER_TYPE_SET: ReadonlySet<string> = new Set(TRIGGER_TYPES);

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === "string" && NODE_TYPE_SET.has(value);
}

export function isTriggerType(value: string): value is NodeType {
  return TRIGGER_TYPE_SET.has(value);
}

/** A node type's definition, as the generic code (validators, panel, engine) reads it. */
export function definitionOf(type: NodeType): NodeDefinition {
  return nodeDefinitions[type] as NodeDefinition;
}

/** THE way to find a graph's trigger (its first trigger node; validation refuses a second). */
export function findTrigger<N extends { type: string }>(graph: { readonly nodes: readonly N[] }): N | undefined {
  return graph.nodes.find((node) => isTriggerType(node.type));
}
