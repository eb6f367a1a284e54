import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from "@xyflow/react";
import type { GraphIssue } from "@/lib/workflow/graph-issue";
import type { NodeType } from "@/lib/workflow/node-types";
import type { NodeCounts } from "@/lib/workflow/workflow-summaries";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { copySelection, pasteContent, type ClipboardContent } from "./clipboard";
import { emptyHistory, recordEdit, redo, undo, type History } from "./editor-history";
import type { FlowEdge, FlowNode, FlowSnapshot } from "./flow-types";
import { toFlowEdge } from "./graph-mapping";
import { tidyPositions } from "./tidy-layout";

export type EditorState = {
  nodes: FlowNode[];
  edges: FlowEdge[];
  history: History<FlowSnapshot>;
  /** Bumped by every change to the saved document (not by selection or measuring). */
  docVersion: number;
  /** Live validation, by node id; the arrays keep their identity while unchanged so nodes don't re-render. */
  issues: ReadonlyMap<string, readonly GraphIssue[]>;
  workflowIssues: readonly GraphIssue[];
  counts: ReadonlyMap<string, NodeCounts> | null;
  /**
   * Set by Publish when the server refused; follows live validation from then on (a problem it no
   * longer finds is gone, and with none left this is null); cleared on the next publish attempt.
   */
  publishIssues: readonly GraphIssue[] | null;
};

type Listener = () => void;

let idCounter = 0;
export function newElementId(prefix: string): string {
  const random =
    typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID().slice(0, 8) : (++idCounter).toString(36).padStart(8, "0");
  return `${prefix}-${random}`;
}

function sameIssues(a: readonly GraphIssue[] | undefined, b: readonly GraphIssue[]): boolean {
  return a !== undefined && a.length === b.length && a.every((issue, index) => issue.message === b[index]?.message && issue.field === b[index]?.field);
}

const sameIssue = (a: GraphIssue, b: GraphIssue) => a.nodeId === b.nodeId && a.field === b.field && a.message === b.message;

/** The refused publish's problems that live validation still finds; null once none are left. */
function stillFound(publishIssues: readonly GraphIssue[] | null, live: readonly GraphIssue[]): readonly GraphIssue[] | null {
  if (!publishIssues) return null;
  const left = publishIssues.filter((issue) => live.some((candidate) => sameIssue(issue, candidate)));
  if (left.length === 0) return null;
  return left.length === publishIssues.length ? publishIssues : left;
}

function deselected<T extends { selected?: boolean }>(items: T[]): T[] {
  return items.some((item) => item.selected) ? items.map((item) => (item.selected ? { ...item, selected: false } : item)) : items;
}

/**
 * The editor's state outside React: React Flow's nodes and edges, undo history, live validation
 * and counts. Components subscribe with narrow selectors (useSyncExternalStore), so a change to one
 * node re-renders that node only, which keeps 500-node workflows smooth.
 */
export class EditorStore {
  private state: EditorState;
  private listeners = new Set<Listener>();
  private dragging = false;
  private clipboard: ClipboardContent | null = null;
  private pasteCount = 0;
  private lastPasted: string | null = null;
  private readonly now: () => number;

  constructor(initial: { nodes: FlowNode[]; edges: FlowEdge[] }, options: { now?: () => number } = {}) {
    this.now = options.now ?? (() => Date.now());
    this.state = {
      nodes: initial.nodes,
      edges: initial.edges,
      history: emptyHistory(),
      docVersion: 0,
      issues: new Map(),
      workflowIssues: [],
      counts: null,
      publishIssues: null,
    };
  }

  getState = (): EditorState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<EditorState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private snapshot(): FlowSnapshot {
    return { nodes: this.state.nodes, edges: this.state.edges };
  }

  /** Applies an edit as one undo step (or merges it into the previous one with the same key). */
  private edit(next: Partial<Pick<EditorState, "nodes" | "edges">>, key?: string): void {
    this.set({
      ...next,
      history: recordEdit(this.state.history, this.snapshot(), { key, now: this.now() }),
      docVersion: this.state.docVersion + 1,
    });
  }

  canUndo = () => this.state.history.past.length > 0;
  canRedo = () => this.state.history.future.length > 0;

  undo = (): boolean => {
    const result = undo(this.state.history, this.snapshot());
    if (!result) return false;
    this.set({ nodes: deselected(result.state.nodes), edges: deselected(result.state.edges), history: result.history, docVersion: this.state.docVersion + 1 });
    return true;
  };

  redo = (): boolean => {
    const result = redo(this.state.history, this.snapshot());
    if (!result) return false;
    this.set({ nodes: deselected(result.state.nodes), edges: deselected(result.state.edges), history: result.history, docVersion: this.state.docVersion + 1 });
    return true;
  };

  /** React Flow's own changes: selection and measuring are not edits; a drag is one edit. */
  onNodesChange = (changes: NodeChange<FlowNode>[]): void => {
    let isEdit = false;
    let key: string | undefined;
    for (const change of changes) {
      if (change.type === "position") {
        if (change.dragging) {
          if (!this.dragging) {
            this.dragging = true;
            isEdit = true;
          }
        } else if (this.dragging) {
          this.dragging = false;
        } else if (change.position) {
          // Arrow-key nudges: a run of them is one undo step.
          isEdit = true;
          key = "nudge";
        }
      } else if (change.type === "remove" || change.type === "add" || change.type === "replace") {
        isEdit = true;
      }
    }
    const nodes = applyNodeChanges(changes, this.state.nodes);
    const moved = changes.some((change) => change.type === "position" && change.position);
    if (isEdit) this.edit({ nodes }, key);
    else if (moved) this.set({ nodes, docVersion: this.state.docVersion + 1 });
    else this.set({ nodes });
  };

  onEdgesChange = (changes: EdgeChange<FlowEdge>[]): void => {
    const edges = applyEdgeChanges(changes, this.state.edges);
    if (changes.some((change) => change.type !== "select")) this.edit({ edges });
    else this.set({ edges });
  };

  private nodeType(id: string): NodeType | undefined {
    return this.state.nodes.find((node) => node.id === id)?.type;
  }

  /** Whether a connection may be drawn: never into a trigger, never a node to itself. */
  isValidConnection = (connection: { source: string; target: string }): boolean => {
    if (connection.source === connection.target) return false;
    const targetType = this.nodeType(connection.target);
    return targetType !== undefined && nodeDefinitions[targetType].category !== "trigger";
  };

  /**
   * Whether an edge leaves `source` by output `port`. An edge saved without a handle leaves by the
   * step's first output, as the engine reads it.
   */
  private leavesBy(source: string, port: string | null | undefined): (edge: FlowEdge) => boolean {
    const sourceType = this.nodeType(source);
    const first = sourceType ? (nodeDefinitions[sourceType].outputs[0]?.id ?? null) : null;
    const wanted = port ?? first;
    return (edge) => edge.source === source && (edge.sourceHandle ?? first) === wanted;
  }

  /** A run follows one path per output, so a new connection from a used output replaces the old one. */
  connect = (connection: Connection): void => {
    if (!this.isValidConnection(connection)) return;
    const sourceType = this.nodeType(connection.source);
    const fromSameOutput = this.leavesBy(connection.source, connection.sourceHandle);
    const edges = this.state.edges.filter(
      (edge) => !fromSameOutput(edge) && !(edge.source === connection.source && edge.target === connection.target),
    );
    const edge = toFlowEdge({ ...connection, id: newElementId("edge") }, sourceType);
    this.edit({ edges: [...edges, edge] });
  };

  /** Where one output of a step leads, or null when it leads nowhere: what the panel's "Next step" sets. */
  outputTarget = (source: string, port: string): string | null => this.state.edges.find(this.leavesBy(source, port))?.target ?? null;

  /**
   * Connects one output of a step to another step, or disconnects it (target null): the keyboard's
   * way to draw or remove an edge, undoable like any edit.
   */
  setOutputTarget = (source: string, port: string, target: string | null): void => {
    if (target !== null) {
      const targetType = this.nodeType(target);
      const input = targetType ? nodeDefinitions[targetType].inputs[0]?.id : undefined;
      this.connect({ source, sourceHandle: port, target, targetHandle: input ?? null });
      return;
    }
    const fromOutput = this.leavesBy(source, port);
    const edges = this.state.edges.filter((edge) => !fromOutput(edge));
    if (edges.length !== this.state.edges.length) this.edit({ edges });
  };

  addNode = (type: NodeType, position: { x: number; y: number }, config: Record<string, unknown>): string => {
    const id = newElementId(type);
    const node: FlowNode = { id, type, position, data: { config }, selected: true };
    this.edit({ nodes: [...deselected(this.state.nodes), node], edges: deselected(this.state.edges) });
    return id;
  };

  deleteSelection = (): boolean => {
    const removed = new Set(this.state.nodes.filter((node) => node.selected).map((node) => node.id));
    const edges = this.state.edges.filter((edge) => !edge.selected && !removed.has(edge.source) && !removed.has(edge.target));
    if (removed.size === 0 && edges.length === this.state.edges.length) return false;
    this.edit({ nodes: this.state.nodes.filter((node) => !removed.has(node.id)), edges });
    return true;
  };

  updateConfig = (nodeId: string, field: string, value: unknown): void => {
    const nodes = this.state.nodes.map((node) =>
      node.id === nodeId ? { ...node, data: { config: { ...node.data.config, [field]: value } } } : node,
    );
    this.edit({ nodes }, `config:${nodeId}:${field}`);
  };

  select = (nodeIds: readonly string[]): void => {
    const wanted = new Set(nodeIds);
    const nodes = this.state.nodes.map((node) => (Boolean(node.selected) === wanted.has(node.id) ? node : { ...node, selected: wanted.has(node.id) }));
    this.set({ nodes, edges: deselected(this.state.edges) });
  };

  selectAll = (): void => {
    this.select(this.state.nodes.map((node) => node.id));
  };

  /** The selection as clipboard content (for the system clipboard), or null with nothing selected. */
  copy = (): ClipboardContent | null => {
    const content = copySelection(this.state.nodes, this.state.edges);
    if (content) {
      this.clipboard = content;
      this.pasteCount = 0;
    }
    return content;
  };

  /**
   * Pastes copies of `content` (new ids, selected). Pasting the same content again shifts each
   * copy a little further, so repeated pastes fan out instead of stacking.
   */
  paste = (content: ClipboardContent | null = this.clipboard): boolean => {
    if (!content || content.nodes.length === 0) return false;
    const signature = content.nodes.map((node) => node.id).join(",");
    this.pasteCount = this.lastPasted === signature ? this.pasteCount + 1 : 1;
    this.lastPasted = signature;
    const pasted = pasteContent(content, newElementId, this.pasteCount);
    this.edit({ nodes: [...deselected(this.state.nodes), ...pasted.nodes], edges: [...deselected(this.state.edges), ...pasted.edges] });
    return true;
  };

  tidy = (): void => {
    const positions = tidyPositions(this.state.nodes, this.state.edges);
    if (positions.size === 0) return;
    const nodes = this.state.nodes.map((node) => {
      const position = positions.get(node.id);
      return position ? { ...node, position } : node;
    });
    this.edit({ nodes });
  };

  /** Replaces the whole document as one undoable edit (restoring a version). */
  replaceDocument = (document: { nodes: FlowNode[]; edges: FlowEdge[] }): void => {
    this.edit({ nodes: document.nodes, edges: document.edges });
  };

  setIssues = (all: readonly GraphIssue[]): void => {
    const grouped = new Map<string, GraphIssue[]>();
    const workflowIssues: GraphIssue[] = [];
    for (const issue of all) {
      if (issue.nodeId === null) workflowIssues.push(issue);
      else grouped.set(issue.nodeId, [...(grouped.get(issue.nodeId) ?? []), issue]);
    }
    const previous = this.state.issues;
    const issues = new Map<string, readonly GraphIssue[]>();
    for (const [id, list] of grouped) {
      const old = previous.get(id);
      issues.set(id, old && sameIssues(old, list) ? old : list);
    }
    this.set({ issues, workflowIssues, publishIssues: stillFound(this.state.publishIssues, all) });
  };

  setCounts = (counts: ReadonlyMap<string, NodeCounts> | null): void => {
    this.set({ counts });
  };

  setPublishIssues = (publishIssues: readonly GraphIssue[] | null): void => {
    this.set({ publishIssues });
  };
}
