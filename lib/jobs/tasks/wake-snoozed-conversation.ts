import { wakeSnoozedConversation } from "../../conversations/agent-actions";
import { wakeSnoozedJob } from "../../conversations/job-specs";
import { defineTask } from "../define-task";

export const wakeSnoozedConversationTask = defineTask(wakeSnoozedJob.name, wakeSnoozedJob.schema, async ({ conversationId }) => {
  await wakeSnoozedConversation(conversationId);
});
