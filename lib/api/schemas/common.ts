import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { externalIdSchema } from "@/lib/contacts/external-id";
import { ERROR_CODE_LIST } from "@/lib/errors";
import { richTextDocumentSchema } from "@/lib/rich-text/document-schema";

/** The one instance the OpenAPI builder recognises and describes (zod sees it as a refined unknown). */
export const apiRichTextDocumentSchema = richTextDocumentSchema.meta({
  id: "RichTextDocument",
  description:
    "A Tiptap (ProseMirror) JSON document: paragraphs, bullet/ordered lists, bold, italic, links, hard breaks and variable nodes ({\"type\":\"variable\",\"attrs\":{\"name\":\"first_name\",\"fallback\":\"there\"}}).",
});

export const messageInputSchema = z
  .union([z.string().trim().min(1, "The message is empty.").max(20_000), apiRichTextDocumentSchema])
  .meta({
    description:
      "Plain text, in which {{variables}} such as {{first_name | fallback: \"there\"}} are filled in for the contact, or a rich-text document. A variable with no value and no fallback is refused (422 missing_variables) rather than sent raw.",
    examples: ["Hi {{first_name | fallback: \"there\"}}, your order has shipped. Reply here if you have any questions."],
  });

export const contactRefSchema = z
  .union([
    z.strictObject({ id: uuidSchema }),
    z.strictObject({ externalId: externalIdSchema }),
    z.strictObject({ email: z.email().max(320) }),
    z.strictObject({ phone: z.string().trim().min(3).max(40) }),
  ])
  .meta({
    id: "ContactRef",
    description: "Names an existing contact by exactly one of: Parley id, your external id, email, or phone (any format; compared as E.164).",
    examples: [{ externalId: "crm-4711" }],
  });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODE_LIST).meta({ description: "Stable, machine-readable; each is described under the response of its status." }),
      message: z.string().meta({ description: "For people; may change." }),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      details: z.unknown().optional(),
      requestId: z.string().optional().meta({ description: "The request's id (also its X-Request-Id header): quote it to the operator, who finds the request in the logs by it." }),
    }),
  })
  .meta({ id: "Error" });
