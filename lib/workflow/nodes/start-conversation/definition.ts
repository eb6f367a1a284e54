import MessageSquarePlus from "lucide-react/icons/message-square-plus";
import { z } from "zod";
import { ENTERPRISE_REQUIRED, isEnterprise } from "@/lib/plans/plan";
import { emptyDocument, isDocumentEmpty, richTextDocumentSchema } from "@/lib/rich-text/document-schema";
import { assigneeInWorkspaceIssues, assigneeSchema, describeAssignee } from "@/lib/workflow/assignee";
import { checkConfiguredDestination } from "@/lib/workflow/customer-destination";
import { defineNode, INPUT_PORT, NEXT_PORT, type NodeIssue } from "@/lib/workflow/node-definition";
import { defaultChatChannelId } from "@/lib/workflow/validation-context";
import { uuidSchema } from "@/lib/validation/uuid";
import { sendWindowProblem, sendWindowSchema, WEEKDAY_LABELS, WEEKDAYS } from "@/lib/outreach/send-window";

export const startConversationConfigSchema = z.strictObject({
  direction: z.enum(["to_contact", "from_contact"]).default("to_contact"),
  startWith: z.enum(["message", "note"]).default("message"),
  // Empty is allowed in a draft; validation refuses to publish it.
  message: richTextDocumentSchema.default(() => emptyDocument()),
  openMode: z.enum(["immediately", "after_reply"]).default("after_reply"),
  // The builder fills in the current user; null only in a draft that has not chosen yet.
  senderUserId: uuidSchema.nullable().default(null),
  assignee: assigneeSchema.default({ type: "unassigned" }),
  // null: the workspace's default chat channel.
  channelId: uuidSchema.nullable().default(null),
  // Email channels only: the subject line, with variables and fallbacks like the message.
  subject: z.string().trim().max(300).default(""),
  // Empty on chat: the contact's chat, whichever session they open next. Empty on SMS: {{phone}};
  // on email: {{email}}.
  customerDestination: z.string().trim().max(200).default(""),
  customerIdentifier: z.string().trim().max(200).default(""),
  createInThirdParty: z.boolean().default(true),
  // Guardrails (lib/outreach). A config saved before they existed reads these defaults: under an
  // Audience Matched trigger, contacts with an open conversation are skipped; elsewhere not.
  skipOpenConversations: z.enum(["audience_triggers", "always", "never"]).default("audience_triggers"),
  // null: any time. Outside the window a run waits (a waiting row and a job) until it opens.
  sendWindow: sendWindowSchema.nullable().default(null),
});
export type StartConversationConfig = z.infer<typeof startConversationConfigSchema>;

export const ports = { next: NEXT_PORT } as const;

/**
 * From Contact + Message records the first message as the contact's own: nobody sees a sender, so
 * the Sender does not apply (a Note is still written by the sender, whichever the direction).
 */
export function senderApplies(config: Pick<StartConversationConfig, "direction" | "startWith">): boolean {
  return !(config.direction === "from_contact" && config.startWith === "message");
}

function describeDays(days: readonly (typeof WEEKDAYS)[number][]): string {
  if (days.length === 7) return "every day";
  return WEEKDAYS.filter((day) => days.includes(day))
    .map((day) => WEEKDAY_LABELS[day])
    .join(", ");
}

function checkInWorkspace(config: StartConversationConfig, context: Parameters<typeof defaultChatChannelId>[0]): NodeIssue[] {
  const issues: NodeIssue[] = [];
  if (senderApplies(config) && config.senderUserId && !context.memberUserIds.has(config.senderUserId)) {
    issues.push({ field: "senderUserId", message: "The sender is not a member of this workspace. Choose another agent." });
  }
  issues.push(...assigneeInWorkspaceIssues(config.assignee, context));

  const defaultChat = defaultChatChannelId(context);
  const channelId = config.channelId ?? defaultChat;
  const channel = channelId ? context.channels.get(channelId) : undefined;
  if (config.channelId && !channel) {
    issues.push({ field: "channelId", message: "That channel doesn't exist in this workspace. Choose another channel." });
  } else if (!channelId) {
    issues.push({ field: "channelId", message: "This workspace has no default chat channel. Create one in Settings › Conversations." });
  }

  if (!isEnterprise(context.plan)) {
    const locked = "is an Enterprise feature. Upgrade the workspace to use it, or clear this field.";
    if (config.channelId && config.channelId !== defaultChat) {
      issues.push({ field: "channelId", code: ENTERPRISE_REQUIRED, message: `Choosing a channel other than the default chat ${locked}` });
    }
    if (config.customerDestination !== "") {
      issues.push({ field: "customerDestination", code: ENTERPRISE_REQUIRED, message: `Customer destination ${locked}` });
    }
    if (config.customerIdentifier !== "") {
      issues.push({ field: "customerIdentifier", code: ENTERPRISE_REQUIRED, message: `Customer identifier ${locked}` });
    }
  }
  if (channel) {
    const problem = checkConfiguredDestination(channel.kind, config.customerDestination);
    if (problem) issues.push({ field: "customerDestination", message: problem });
    if (channel.kind === "email" && config.direction === "to_contact" && config.startWith === "message" && config.subject === "") {
      issues.push({ field: "subject", message: "Write the email's subject." });
    }
  }
  return issues;
}

export const startConversationDefinition = defineNode({
  type: "start_conversation",
  category: "action",
  label: "Start a Conversation",
  description: "Reaches out to the contact. With “Only after reply” it stays a quiet campaign until they answer.",
  icon: MessageSquarePlus,
  configSchema: startConversationConfigSchema,
  inputs: [INPUT_PORT],
  outputs: [ports.next],
  fields: {
    direction: {
      label: "Direction",
      control: "choice",
      options: [
        { value: "to_contact", label: "To Contact" },
        { value: "from_contact", label: "From Contact", hint: "Recorded as if the contact wrote first; nothing is sent." },
      ],
    },
    startWith: {
      label: "Start with",
      control: "choice",
      options: [
        { value: "message", label: "Message" },
        { value: "note", label: "Note", hint: "Internal, never visible to the contact." },
      ],
    },
    subject: { label: "Subject", control: "text", channelKinds: ["email"] },
    message: { label: "Message", control: "rich-text" },
    openMode: {
      label: "Open a conversation",
      control: "choice",
      options: [
        { value: "immediately", label: "Immediately" },
        { value: "after_reply", label: "Only after reply", hint: "Recommended" },
      ],
    },
    senderUserId: {
      label: "Sender",
      control: "user",
      disabledWhen: (config) => (senderApplies(config) ? null : "Not used for From Contact: the message is recorded as the contact's, so no sender is shown."),
    },
    assignee: { label: "Assignee", control: "assignee" },
    channelId: { label: "Channel", control: "channel", chatOnly: false, emptyMeans: "the default chat channel", enterprise: true },
    customerDestination: { label: "Customer destination", control: "text", channelAddress: true, enterprise: true },
    customerIdentifier: { label: "Customer identifier", control: "text", enterprise: true },
    createInThirdParty: { label: "Create conversation in integrated 3rd party systems", control: "boolean", enterprise: true },
    skipOpenConversations: {
      label: "Skip contacts who have an open conversation",
      control: "choice",
      options: [
        { value: "audience_triggers", label: "For Audience Matched", hint: "Default: outreach skips them, a contact's own action does not." },
        { value: "always", label: "Always" },
        { value: "never", label: "Never" },
      ],
    },
    sendWindow: {
      label: "Send window",
      description: "Outside it, the contact waits here until it opens. Times are the contact's (their time zone attribute), or the workspace's (Settings › Outreach).",
      control: "send-window",
    },
  },
  summarize: (config, names) => {
    const what = config.startWith === "note" ? "Note" : config.direction === "from_contact" ? "Message from contact" : "Message to contact";
    const when = config.openMode === "immediately" ? "opens immediately" : "opens after reply";
    const channel = config.channelId ? ` · ${names?.channel?.(config.channelId) ?? "custom channel"}` : "";
    const window = config.sendWindow ? ` · ${config.sendWindow.start}–${config.sendWindow.end} ${describeDays(config.sendWindow.days)}` : "";
    return `${what} · ${when} · ${describeAssignee(config.assignee, names)}${channel}${window}`;
  },
  needsConversation: false,
  startsConversation: true,
  variableFields: ["message", "subject", "customerDestination", "customerIdentifier"],
  validate: (config) => {
    const issues: NodeIssue[] = [];
    if (isDocumentEmpty(config.message)) issues.push({ field: "message", message: config.startWith === "note" ? "Write the note." : "Write the message." });
    if (senderApplies(config) && !config.senderUserId) issues.push({ field: "senderUserId", message: "Choose a sender." });
    const windowProblem = config.sendWindow ? sendWindowProblem(config.sendWindow) : null;
    if (windowProblem) issues.push({ field: "sendWindow", message: windowProblem });
    return issues;
  },
  validateInWorkspace: checkInWorkspace,
  loadExecutor: typeof window === "undefined" ? () => import("./executor") : undefined,
});
