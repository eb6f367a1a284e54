import { z } from "zod";
import { optionalText } from "@/lib/validation/optional-text";
import { uuidSchema } from "@/lib/validation/uuid";
import { assigneeSchema } from "@/lib/workflow/assignee";
import { contactRefSchema, messageInputSchema } from "./common";

export const startConversationBodySchema = z
  .strictObject({
    channelId: uuidSchema.optional().meta({
      description: "A channel resource of the workspace (Settings › Conversations). Default: the workspace's default chat channel. Another channel needs the Enterprise plan.",
    }),
    contact: contactRefSchema,
    message: messageInputSchema,
    startWith: z.enum(["message", "note"]).default("message").meta({ description: "A note is internal and never shown to the contact." }),
    direction: z.enum(["to_contact", "from_contact"]).default("to_contact").meta({
      description: "from_contact records the message as if the contact wrote it; nothing is delivered.",
    }),
    openMode: z.enum(["immediately", "after_reply"]).default("after_reply").meta({
      description: "after_reply (recommended): a quiet campaign that opens, and appears in the inbox, when the contact replies.",
    }),
    senderUserId: uuidSchema.optional().meta({ description: "The agent shown as the sender. Omit to send as a bot named by senderName." }),
    senderName: z.string().trim().min(1).max(80).optional().meta({
      description: "Display name of a third-party bot sending the first message (when no senderUserId). Default: the API key's name.",
    }),
    assignee: assigneeSchema.default({ type: "unassigned" }).meta({ description: "Applied when the conversation opens." }),
    customerDestination: optionalText(200).meta({
      description: "Where the contact is reached: a chat session id on a chat channel (default: whichever session they open next), an E.164 phone number on an SMS channel (default: the contact's phone), an email address on an email channel (default: the contact's email). Enterprise.",
    }),
    customerIdentifier: optionalText(200).meta({ description: "Your identifier for the contact, kept on the conversation. Blank is the same as absent. Enterprise." }),
    subject: optionalText(300).meta({
      description: "On an email channel: the email's subject, with variables and fallbacks as in the message. Default: “A message from <workspace>”. Ignored on other channels.",
    }),
    externalRef: optionalText(200).meta({ description: "Your system's id for this conversation, returned on reads and in webhooks. Blank is the same as absent." }),
    createInThirdParty: z.boolean().optional().meta({
      description: "Tell the channel's integration (signed webhooks) about this conversation and everything after it. Default: true on Enterprise, false on Free; true on Free is refused with enterprise_required.",
    }),
  })
  .meta({ id: "StartConversationRequest" });
export type StartConversationBody = z.infer<typeof startConversationBodySchema>;

export const postMessageBodySchema = z
  .strictObject({
    author: z
      .discriminatedUnion("type", [
        z.strictObject({ type: z.literal("contact") }),
        z.strictObject({ type: z.literal("agent"), userId: uuidSchema }),
        z.strictObject({ type: z.literal("bot"), name: z.string().trim().min(1).max(80) }),
      ])
      .meta({
        description:
          "contact: recorded exactly as if the contact wrote in on the conversation's channel (a reply opens a campaign). agent: a member of the workspace answers, or adds a note. bot: a third-party bot, shown by its name, answers (no notes).",
      }),
    kind: z.enum(["message", "note"]).default("message").meta({ description: "note: internal, never shown to the contact; agents only (not a contact or a bot)." }),
    message: messageInputSchema,
  })
  .meta({ id: "PostMessageRequest" });
export type PostMessageBody = z.infer<typeof postMessageBodySchema>;

export const attachmentResourceSchema = z
  .object({
    id: uuidSchema,
    fileName: z.string(),
    contentType: z.string().meta({ description: "Read from the file's bytes, not its name." }),
    byteSize: z.number().int(),
    url: z.url().meta({ description: "Signed URL that downloads the file without an API key, until urlExpiresAt. Read the conversation again for a fresh one." }),
    urlExpiresAt: z.iso.datetime(),
  })
  .meta({ description: "A file attached to the message." });

export const messageResourceSchema = z
  .object({
    id: uuidSchema,
    conversationId: uuidSchema,
    kind: z.enum(["message", "note"]),
    authorType: z.enum(["contact", "agent", "bot", "system"]),
    authorName: z.string().nullable(),
    text: z.string(),
    html: z.string(),
    attachments: z.array(attachmentResourceSchema),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Message" });

export const conversationResourceSchema = z
  .object({
    id: uuidSchema,
    contactId: uuidSchema,
    channelId: uuidSchema,
    origin: z.enum(["inbound", "workflow", "api"]),
    state: z.enum(["campaign", "open", "snoozed", "closed"]),
    direction: z.enum(["to_contact", "from_contact"]),
    openMode: z.enum(["immediately", "after_reply"]),
    priority: z.enum(["normal", "high"]),
    assigneeUserId: uuidSchema.nullable(),
    assigneeTeamId: uuidSchema.nullable(),
    customerDestination: z.string().nullable(),
    customerIdentifier: z.string().nullable(),
    externalRef: z.string().nullable(),
    thirdParty: z.boolean(),
    openedAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    messages: z.array(messageResourceSchema).optional(),
  })
  .meta({ id: "Conversation" });
