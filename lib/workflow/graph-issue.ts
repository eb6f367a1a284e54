/**
 * One problem in a workflow graph, in words a builder understands. nodeId null is about the
 * workflow as a whole; field names the config field (dotted path) the canvas should highlight.
 */
export type GraphIssue = { nodeId: string | null; field?: string; message: string; code?: string };
