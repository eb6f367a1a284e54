import { sql, type SQL } from "drizzle-orm";
import { textArray } from "@/lib/db/sql-params";
import { NUMERIC_OPERATORS, type AttributeCondition, type AudienceFilter, type LastConversationCondition } from "./audience-filter";

// Every user-supplied value below is a bound parameter; only operators chosen from fixed enums
// shape the SQL text.

function lastConversation(condition: LastConversationCondition, alias: SQL): SQL {
  const column = sql`${alias}.last_conversation_opened_at`;
  switch (condition.op) {
    case "never":
      return sql`${column} IS NULL`;
    case "older_than_days":
      return sql`${column} < now() - make_interval(days => ${condition.days}::int)`;
    case "older_than_days_or_never":
      return sql`(${column} IS NULL OR ${column} < now() - make_interval(days => ${condition.days}::int))`;
  }
}

function attribute(condition: AttributeCondition, alias: SQL): SQL {
  const key = sql`${condition.key}::text`;
  const text = sql`(${alias}.attributes ->> ${key})`;
  const value = condition.value === null ? null : String(condition.value);
  if (NUMERIC_OPERATORS.has(condition.op)) {
    // Only numbers compare: a text attribute never matches "greater than" rather than erroring.
    const number = sql`CASE WHEN jsonb_typeof(${alias}.attributes -> ${key}) = 'number' THEN ${text}::numeric END`;
    return condition.op === "gt" ? sql`${number} > ${value}::numeric` : sql`${number} < ${value}::numeric`;
  }
  switch (condition.op) {
    case "eq":
      return sql`${text} = ${value}::text`;
    case "neq":
      return sql`${text} IS DISTINCT FROM ${value}::text`;
    case "contains":
      return sql`strpos(lower(${text}), lower(${value}::text)) > 0`;
    case "exists":
      return sql`${text} IS NOT NULL`;
    case "not_exists":
      return sql`${text} IS NULL`;
    default:
      throw new Error(`unhandled operator ${condition.op}`);
  }
}

/**
 * An Audience Matched filter as one SQL condition over `contacts` (aliased `alias`), ANDed with
 * the workspace. All conditions must hold; tag lists use the GIN index on contacts.tags.
 */
export function compileAudience(filter: AudienceFilter, workspaceId: string, alias: SQL = sql.raw("c")): SQL {
  const conditions: SQL[] = [sql`${alias}.workspace_id = ${workspaceId}::uuid`];
  if (filter.lastConversation) conditions.push(lastConversation(filter.lastConversation, alias));
  for (const condition of filter.attributes) conditions.push(attribute(condition, alias));
  if (filter.tags.any.length) conditions.push(sql`${alias}.tags && ${textArray(filter.tags.any)}`);
  if (filter.tags.all.length) conditions.push(sql`${alias}.tags @> ${textArray(filter.tags.all)}`);
  if (filter.tags.none.length) conditions.push(sql`NOT (${alias}.tags && ${textArray(filter.tags.none)})`);
  return sql.join(conditions, sql` AND `);
}
