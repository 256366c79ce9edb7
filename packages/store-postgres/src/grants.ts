/**
 * Privileges of the application role: it reads everything and appends events through
 * `ledger_append`, but holds no UPDATE, DELETE or TRUNCATE on events, so it cannot change history
 * even if the owner disables the guard trigger. Run by the owner after migrating.
 */
import { sql } from "kysely"
import type { Kysely } from "kysely"
import type { Database } from "./database.ts"

/**
 * Grants `role` exactly what the store needs. Idempotent.
 * @category constructors
 */
export const grantAppRole = async (db: Kysely<Database>, role: string): Promise<void> => {
  const r = sql.id(role)
  const statements = [
    sql`grant usage on schema public to ${r}`,
    sql`revoke all on events from ${r}`,
    sql`grant select, insert on events to ${r}`,
    sql`grant select, insert, update on streams to ${r}`,
    sql`grant select, insert on append_requests to ${r}`,
    sql`grant select on ledger_schema, kysely_migration, kysely_migration_lock to ${r}`,
    sql`grant usage on sequence events_position_seq to ${r}`,
    sql`grant execute on function ledger_append(text, text, text, text[], integer[], integer[], integer[], text[], text[], text[], text[], text[], text[]) to ${r}`,
  ]
  for (const statement of statements) await statement.execute(db)
}
