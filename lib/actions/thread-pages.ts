"use server";

import { olderThreadMessages } from "@/lib/inbox/thread-pages";
import { olderThreadMessagesSchema } from "@/lib/inbox/thread-pages.validation";
import { workspaceAction } from "./safe-action";

// A read: any member of the workspace, nothing to revalidate.
export const loadOlderThreadMessagesAction = workspaceAction({ schema: olderThreadMessagesSchema }, olderThreadMessages);
