import { pgEnum } from "drizzle-orm/pg-core";
import { PLANS } from "@/lib/plans/plan";

export const planEnum = pgEnum("plan", PLANS);
export const roleEnum = pgEnum("member_role", ["owner", "admin", "agent"]);
export const channelKindEnum = pgEnum("channel_kind", ["chat", "sms", "email"]);
export const conversationOriginEnum = pgEnum("conversation_origin", ["inbound", "workflow", "api"]);
export const conversationDirectionEnum = pgEnum("conversation_direction", ["to_contact", "from_contact"]);
export const conversationStateEnum = pgEnum("conversation_state", ["campaign", "open", "snoozed", "closed"]);
export const openModeEnum = pgEnum("open_mode", ["immediately", "after_reply"]);
export const priorityEnum = pgEnum("priority", ["normal", "high"]);
export const messageKindEnum = pgEnum("message_kind", ["message", "note"]);
export const authorTypeEnum = pgEnum("author_type", ["contact", "agent", "bot", "system"]);
export const workflowStatusEnum = pgEnum("workflow_status", ["draft", "live", "paused"]);
export const runStatusEnum = pgEnum("run_status", ["running", "waiting", "completed", "failed", "cancelled"]);
export const stepStatusEnum = pgEnum("step_status", ["ok", "error", "skipped"]);
export const deliveryStatusEnum = pgEnum("delivery_status", ["pending", "delivered", "failed"]);
// A workflow's first message, in the order it can only move forward (lib/outreach-status):
// failed ranks with delivered, so whichever the provider reports first stands.
export const outreachStatusEnum = pgEnum("outreach_status", ["queued", "sent", "delivered", "failed", "seen", "replied"]);
