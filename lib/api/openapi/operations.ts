import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { errorSchema } from "@/lib/api/schemas/common";
import { contactListResourceSchema, contactResourceSchema, erasedContactResourceSchema, listContactsQuerySchema, upsertContactBodySchema } from "@/lib/api/schemas/contacts";
import { conversationResourceSchema, postMessageBodySchema, startConversationBodySchema } from "@/lib/api/schemas/conversations";
import { runWorkflowBodySchema, workflowRunsResourceSchema } from "@/lib/api/schemas/workflow-runs";
import type { ApiScope } from "@/lib/api/scopes";

export const conversationEnvelope = z.object({ conversation: conversationResourceSchema }).meta({ id: "ConversationResponse" });
export const messageEnvelope = z
  .object({ messageId: uuidSchema.nullable(), conversation: conversationResourceSchema })
  .meta({ id: "PostMessageResponse", description: "The conversation the message landed in, with all its messages." });
export const contactEnvelope = z.object({ contact: contactResourceSchema }).meta({ id: "ContactResponse" });

export type ApiOperation = {
  method: "get" | "post" | "put" | "delete";
  path: string;
  operationId: string;
  summary: string;
  description: string;
  scope: ApiScope;
  pathParams: { name: string; description: string; schema: z.ZodType }[];
  /** The query string's parameters, as one strict object schema (each property a parameter). */
  query?: z.ZodObject;
  request?: { schema: z.ZodType; example: unknown };
  responses: { status: number; description: string; schema: z.ZodType; example?: unknown }[];
  errors: number[];
};

const uuidExample = "3f0c9a1e-5b7d-4c2a-9e8f-1a2b3c4d5e6f";

/** Every /api/v1 operation, built from the same zod schemas the routes validate with. */
export const API_OPERATIONS: ApiOperation[] = [
  {
    method: "post",
    path: "/conversations",
    operationId: "startConversation",
    summary: "Start a conversation",
    description:
      "Starts a conversation with a contact on a channel, exactly like the Start a Conversation workflow node (the same code path; origin \"api\"). With openMode after_reply it stays a quiet campaign until the contact replies, then opens in the inbox. With createInThirdParty the channel's integration receives signed webhooks for it.",
    scope: "conversations:write",
    pathParams: [],
    request: {
      schema: startConversationBodySchema,
      example: {
        contact: { externalId: "crm-4711" },
        message: "Hi {{first_name | fallback: \"there\"}}, this is Amelia from Acme. Your order has shipped!",
        senderName: "Amelia AI",
        openMode: "after_reply",
        customerIdentifier: "crm-4711",
        externalRef: "amelia-conv-981",
        createInThirdParty: true,
      },
    },
    responses: [{ status: 201, description: "The conversation, with its first message.", schema: conversationEnvelope }],
    errors: [400, 401, 403, 404, 409, 413, 415, 422, 429],
  },
  {
    method: "get",
    path: "/conversations/{conversationId}",
    operationId: "getConversation",
    summary: "Read a conversation",
    description: "A conversation of your workspace with its messages and notes, oldest first.",
    scope: "conversations:read",
    pathParams: [{ name: "conversationId", description: "The conversation's id.", schema: uuidSchema }],
    responses: [{ status: 200, description: "The conversation.", schema: conversationEnvelope }],
    errors: [401, 403, 404, 429],
  },
  {
    method: "post",
    path: "/conversations/{conversationId}/messages",
    operationId: "postMessage",
    summary: "Post a message",
    description:
      "Adds a message as the contact (recorded like a reply on the channel: it opens a waiting campaign) or as an agent of the workspace (an answer delivered to the contact, or an internal note).",
    scope: "conversations:write",
    pathParams: [{ name: "conversationId", description: "The conversation's id.", schema: uuidSchema }],
    request: { schema: postMessageBodySchema, example: { author: { type: "contact" }, message: "Thanks! When will it arrive?" } },
    responses: [{ status: 201, description: "The message's id and the conversation it landed in.", schema: messageEnvelope }],
    errors: [400, 401, 403, 404, 409, 413, 415, 422, 429],
  },
  {
    method: "put",
    path: "/contacts/{externalId}",
    operationId: "upsertContact",
    summary: "Create or update a contact",
    description: "Creates the contact with this external id (your system's id for them), or updates it. Fields you omit keep their values. Email (ignoring case), phone and external id are unique per workspace: a value another contact holds is refused with 409 `contact_exists`, naming that contact.",
    scope: "contacts:write",
    pathParams: [{ name: "externalId", description: "Your id for the contact (URL-encoded).", schema: z.string().min(1).max(200) }],
    request: { schema: upsertContactBodySchema, example: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phone: "+14155550123", attributes: { plan: "pro" } } },
    responses: [
      { status: 201, description: "Created.", schema: contactEnvelope },
      { status: 200, description: "Updated.", schema: contactEnvelope },
    ],
    errors: [400, 401, 403, 409, 413, 415, 429],
  },
  {
    method: "get",
    path: "/contacts",
    operationId: "listContacts",
    summary: "List contacts",
    description:
      "Your workspace's contacts, filtered by any of email, phone, external id, tag and last change (all must match), a page at a time in a stable order: by last change, then id. Follow `nextCursor` until it is null; to sync, remember when you started and later ask with `updatedSince`. Contacts being erased are not listed.",
    scope: "contacts:read",
    pathParams: [],
    query: listContactsQuerySchema,
    responses: [
      {
        status: 200,
        description: "A page of contacts.",
        schema: contactListResourceSchema,
        example: {
          contacts: [
            { id: uuidExample, externalId: "crm-4711", firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phone: "+14155550123", company: null, attributes: { plan: "pro" }, tags: ["vip"], createdAt: "2026-03-01T09:00:00.000Z", updatedAt: "2026-03-05T12:30:00.000Z" },
          ],
          nextCursor: "eyJ1IjoiMjAyNi0wMy0wNVQxMjozMDowMC4wMDAwMDBaIiwiaSI6IjNmMGM5YTFlLTViN2QtNGMyYS05ZThmLTFhMmIzYzRkNWU2ZiJ9",
        },
      },
    ],
    errors: [400, 401, 403, 429],
  },
  {
    method: "delete",
    path: "/contacts/{externalId}",
    operationId: "eraseContact",
    summary: "Erase a contact",
    description:
      "Erases the contact with this external id (or the external id of a contact since merged into it) and everything that is theirs: conversations and messages, chat sessions, workflow runs and their steps, texts in the SMS sandbox, stored webhook deliveries about them. Their channels' integrations receive `contact.deleted`. Irreversible; audited. A second call answers 404.",
    scope: "contacts:delete",
    pathParams: [{ name: "externalId", description: "Your id for the contact (URL-encoded).", schema: z.string().min(1).max(200) }],
    responses: [{ status: 200, description: "Erased.", schema: erasedContactResourceSchema, example: { erased: { id: uuidExample, externalId: "crm-4711" } } }],
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: "post",
    path: "/workflows/{workflowId}/runs",
    operationId: "runWorkflow",
    summary: "Run a workflow's Manual trigger",
    description: "Enters contacts into the published (live) version of a workflow. A paused or unpublished workflow is refused with 409.",
    scope: "workflows:run",
    pathParams: [{ name: "workflowId", description: "The workflow's id.", schema: uuidSchema }],
    request: { schema: runWorkflowBodySchema, example: { contacts: [{ externalId: "crm-4711" }, { email: "ada@example.com" }] } },
    responses: [{ status: 202, description: "The runs started; they proceed in the background.", schema: workflowRunsResourceSchema, example: { workflowId: uuidExample, versionId: uuidExample, runIds: [uuidExample] } }],
    errors: [400, 401, 403, 404, 409, 413, 415, 429],
  },
];

export { errorSchema };
