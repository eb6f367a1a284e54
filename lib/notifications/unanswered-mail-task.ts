import { systemScopeOfConversation } from "@/lib/conversations/system-scope";
import { getDb } from "@/lib/db/client";
import { defineTask } from "@/lib/jobs/define-task";
import { runService } from "@/lib/services/run-service";
import { unansweredMailJob } from "./unanswered-mail-job";
import { sendUnansweredMail } from "./unanswered-mail";

export const unansweredMailTask = defineTask(unansweredMailJob.name, unansweredMailJob.schema, async (payload) => {
  // A conversation deleted since has nobody to mail about it.
  const scope = await systemScopeOfConversation(getDb(), payload.conversationId);
  if (scope) await runService(scope, sendUnansweredMail, payload);
});
