import type { Role } from "@/lib/db/schema/workspaces";

/** How a role reads on its own ("Admin") and inside a sentence ("… is an admin"). Client-safe. */
export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", admin: "Admin", agent: "Agent" };
export const ROLE_IN_SENTENCE: Record<Role, string> = { owner: "an owner", admin: "an admin", agent: "an agent" };
