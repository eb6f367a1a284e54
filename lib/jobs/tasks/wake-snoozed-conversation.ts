import { wakeSnoozedConversation } from "@/lib/conversations/agent-actions";
import { wakeSnoozedJob } from "@/lib/conversations/job-specs";
import { systemScopeOfConversation } from "@/lib/conversations/system-scope";
import { getDb } from "@/lib/db/client";
import { runService } from "@/lib/services/run-service";
import { defineTask } from "@/lib/jobs/define-task";

export const wakeSnoozedConversationTask = defineTask(wakeSnoozedJob.name, wakeSnoozedJob.schema, async ({ conversationId }) => {
  // A conversation deleted since it was snoozed has nothing to wake.
  const scope = await systemScopeOfConversation(getDb(), conversationId);
  if (scope) await runService(scope, wakeSnoozedConversation, { conversationId });
});
