import { wakeSnoozedConversation } from "../../conversations/agent-actions";
import { wakeSnoozedJob } from "../../conversations/job-specs";
import { systemScopeOfConversation } from "../../conversations/system-scope";
import { getDb } from "../../db/client";
import { runService } from "../../services/run-service";
import { defineTask } from "../define-task";

export const wakeSnoozedConversationTask = defineTask(wakeSnoozedJob.name, wakeSnoozedJob.schema, async ({ conversationId }) => {
  // A conversation deleted since it was snoozed has nothing to wake.
  const scope = await systemScopeOfConversation(getDb(), conversationId);
  if (scope) await runService(scope, wakeSnoozedConversation, { conversationId });
});
