DROP INDEX "contacts_workspace_email_idx";--> statement-breakpoint
DROP INDEX "contacts_workspace_phone_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_workspace_email_key" ON "contacts" USING btree ("workspace_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_workspace_phone_key" ON "contacts" USING btree ("workspace_id","phone");