import { z } from "zod";
import { emptyDocument, richTextDocumentSchema } from "../../../rich-text/document-schema";
import { assigneeSchema, describeAssignee } from "../../assignee";
import { defineNode, INPUT_PORT, NEXT_PORT } from "../../node-definition";

export const startConversationConfigSchema = z.strictObject({
  direction: z.enum(["to_contact", "from_contact"]).default("to_contact"),
  startWith: z.enum(["message", "note"]).default("message"),
  // Empty is allowed in a draft; validation refuses to publish it.
  message: richTextDocumentSchema.default(() => emptyDocument()),
  openMode: z.enum(["immediately", "after_reply"]).default("after_reply"),
  // The builder fills in the current user; null only in a draft that has not chosen yet.
  senderUserId: z.uuid().nullable().default(null),
  assignee: assigneeSchema.default({ type: "unassigned" }),
  // null: the workspace's default chat channel.
  channelId: z.uuid().nullable().default(null),
  // Empty on chat: the contact's chat, whichever session they open next. Empty on SMS: {{phone}}.
  customerDestination: z.string().trim().max(200).default(""),
  customerIdentifier: z.string().trim().max(200).default(""),
  createInThirdParty: z.boolean().default(true),
});
export type StartConversationConfig = z.infer<typeof startConversationConfigSchema>;

export const startConversationDefinition = defineNode({
  type: "start_conversation",
  category: "action",
  label: "Start a Conversation",
  description: "Reaches out to the contact. With “Only after reply” it stays a quiet campaign until they answer.",
  icon: "MessageSquarePlus",
  configSchema: startConversationConfigSchema,
  inputs: [INPUT_PORT],
  outputs: [NEXT_PORT],
  fields: {
    direction: {
      label: "Direction",
      options: [
        { value: "to_contact", label: "To Contact" },
        { value: "from_contact", label: "From Contact", hint: "Recorded as if the contact wrote first; nothing is sent." },
      ],
    },
    startWith: {
      label: "Start with",
      options: [
        { value: "message", label: "Message" },
        { value: "note", label: "Note", hint: "Internal, never visible to the contact." },
      ],
    },
    message: { label: "Message" },
    openMode: {
      label: "Open a conversation",
      options: [
        { value: "immediately", label: "Immediately" },
        { value: "after_reply", label: "Only after reply", hint: "Recommended" },
      ],
    },
    senderUserId: { label: "Sender" },
    assignee: { label: "Assignee" },
    channelId: { label: "Channel", enterprise: true },
    customerDestination: { label: "Customer destination", enterprise: true },
    customerIdentifier: { label: "Customer identifier", enterprise: true },
    createInThirdParty: { label: "Create conversation in integrated 3rd party systems", enterprise: true },
  },
  summarize: (config, names) => {
    const what = config.startWith === "note" ? "Note" : config.direction === "from_contact" ? "Message from contact" : "Message to contact";
    const when = config.openMode === "immediately" ? "opens immediately" : "opens after reply";
    const channel = config.channelId ? ` · ${names?.channel?.(config.channelId) ?? "custom channel"}` : "";
    return `${what} · ${when} · ${describeAssignee(config.assignee, names)}${channel}`;
  },
  needsConversation: false,
});
