import { textToDocument, type RichTextDocument } from "@/lib/rich-text/document-schema";
import { documentToPlainText, renderMessage } from "@/lib/rich-text/render";
import type { RenderContext } from "@/lib/rich-text/render-context";
import type { MessageContent } from "@/lib/conversations/message-content";
import { SafeError } from "@/lib/errors";

/** The API accepts text with {{variables}} or a document; both become a document. */
export function messageDocument(input: string | RichTextDocument): RichTextDocument {
  return typeof input === "string" ? textToDocument(input) : input;
}

/** What a contact "wrote": their words as they are, never a template. */
export function messagePlainText(input: string | RichTextDocument): string {
  return typeof input === "string" ? input : documentToPlainText(input);
}

/** Personalises a message for its contact, refusing (422) rather than sending a hole or a raw {{...}}. */
export function renderForContact(input: string | RichTextDocument, context: RenderContext): MessageContent {
  const rendered = renderMessage(messageDocument(input), context);
  if (!rendered.ok) {
    const problems = [
      ...rendered.missing.map((name) => `{{${name}}} has no value for this contact and no fallback`),
      ...rendered.invalid.map((raw) => `“${raw}” is not a valid variable`),
    ];
    throw new SafeError("missing_variables", `${problems.join("; ")}.`, { missing: rendered.missing, invalid: rendered.invalid });
  }
  if (rendered.text.trim() === "") throw new SafeError("invalid_input", "The message is empty.");
  return { json: rendered.json, html: rendered.html, text: rendered.text };
}
