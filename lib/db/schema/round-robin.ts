import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations";
import { teams, users, workspaces } from "./workspaces";

export const availabilityEnum = pgEnum("agent_availability_status", ["available", "away"]);

/**
 * An agent's availability in a workspace (lib/round-robin). Round robin gives conversations only
 * to an agent who chose Available AND has had the app open lately (agent_activity, the one record
 * of activity, touched by their live stream): closing every tab makes them Away after the idle
 * time with no job to run.
 * The row is also the lock round robin takes on the agent, so caps hold under concurrency.
 */
export const agentAvailability = pgTable(
  "agent_availability",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: availabilityEnum("status").notNull().default("available"),
    // Least recently given a conversation goes first: that is what makes it a round.
    lastAssignedAt: timestamp("last_assigned_at", { withTimezone: true }),
    /** This agent's cap of open conversations, instead of their teams' default. */
    maxOpen: integer("max_open"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), check("agent_availability_max_open", sql`${t.maxOpen} IS NULL OR ${t.maxOpen} >= 0`)],
);

/** A team's automatic assignment: on or off, and the default cap of open conversations per member. */
export const teamRoundRobin = pgTable(
  "team_round_robin",
  {
    teamId: uuid("team_id")
      .primaryKey()
      .references(() => teams.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    enabled: boolean("enabled").notNull().default(false),
    maxOpen: integer("max_open").notNull().default(10),
  },
  (t) => [check("team_round_robin_max_open", sql`${t.maxOpen} >= 0`)],
);

/**
 * Conversations waiting in a team's round-robin queue for an available agent below their cap,
 * oldest first. A row leaves when the conversation is given to an agent (or assigned by hand).
 */
export const roundRobinQueue = pgTable(
  "round_robin_queue",
  {
    conversationId: uuid("conversation_id")
      .primaryKey()
      .references(() => conversations.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("round_robin_queue_team_idx").on(t.teamId, t.queuedAt)],
);
