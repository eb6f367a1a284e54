import type { AttributeTypeSpec } from "@/lib/contacts/attribute-types";
import { textToDocument, type RichTextDocument } from "@/lib/rich-text/document-schema";
import { renderMessage, type RenderFailure, type RenderResult } from "@/lib/rich-text/render";
import { resolveVariable, type RenderContext } from "@/lib/rich-text/render-context";
import { collectVariables } from "@/lib/rich-text/variables";

export type ContactRow = {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  attributes: Record<string, unknown>;
};

/** `attributeTypes`: the workspace's (attributeTypesOf), loaded once per batch, so typed values read as they do on the contact's page. */
export function renderContextFor(
  contact: ContactRow,
  extra: { sessionId?: string; senderName?: string | null; attributeTypes?: Record<string, AttributeTypeSpec> },
): RenderContext {
  return {
    contact: {
      firstName: contact.first_name,
      lastName: contact.last_name,
      email: contact.email,
      phone: contact.phone,
      company: contact.company,
      attributes: contact.attributes,
    },
    session: extra.sessionId ? { id: extra.sessionId } : null,
    sender: { name: extra.senderName ?? null },
    attributeTypes: extra.attributeTypes,
  };
}

/** The step error a builder reads in the run log, e.g. "first_name is empty for this contact and has no fallback". */
export function describeRenderFailure(failure: RenderFailure, what = "The message"): string {
  const parts = [
    ...failure.missing.map((name) => `${name} is empty for this contact and has no fallback`),
    ...failure.invalid.map((raw) => `${what} contains “${raw}”, which is not a valid variable`),
  ];
  return `${parts.join("; ")}.`;
}

/**
 * renderMessage for many contacts. Contacts whose values for the variables the document uses are
 * the same get the same result, so a message renders once per distinct set of values (a message
 * without variables renders once) rather than once per contact.
 */
export function batchRenderer(doc: RichTextDocument): (context: RenderContext) => RenderResult {
  let cached = renderers.get(doc);
  if (!cached) {
    cached = { names: collectVariables(doc), memo: new Map() };
    renderers.set(doc, cached);
  }
  const { names, memo } = cached;
  return (context) => {
    const key = JSON.stringify(names.map((name) => resolveVariable(name, context)));
    let result = memo.get(key);
    if (!result) {
      result = renderMessage(doc, context);
      // Bounded: a message personalised with unique values (an email address) would otherwise grow forever.
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, result);
    }
    return result;
  };
}

// Keyed by the document object itself: a published version's graph is parsed once and cached
// (engine/version-graphs.ts), so the results carry over from one batch of contacts to the next.
const renderers = new WeakMap<RichTextDocument, { names: string[]; memo: Map<string, RenderResult> }>();
const MEMO_LIMIT = 10_000;

/** The same for a one-line template such as a Customer destination ("{{phone}}"). */
export function batchTextRenderer(template: string): (context: RenderContext) => RenderResult {
  let doc = templates.get(template);
  if (!doc) {
    if (templates.size >= 1_000) templates.clear();
    doc = textToDocument(template);
    templates.set(template, doc);
  }
  return batchRenderer(doc);
}

const templates = new Map<string, RichTextDocument>();
