/**
 * Demo keys for `pnpm start`: one key per role, made only when asked — a fresh embedded store that
 * holds no key at all, or `LEDGER_DEMO_KEYS=1`. A store that holds a real key (any key not made
 * here) never gets or shows demo keys, and a demo key that was revoked stays revoked: it is never
 * made again. Production keys come from `pnpm ledger keys create`.
 *
 * @module
 */
import type { AppendError, EventStoreShape, LedgerIntegrity, StoreUnavailable } from "@ledger/eventstore"
import { Effect } from "effect"
import { createKey, type KeyInfo, listKeys, type Role } from "./keys.ts"

/** The label and actor that mark a key as a demo key. */
export const DEMO_LABEL = "demo"
/** The actor recorded on demo keys. */
export const DEMO_ACTOR = "pnpm-start"

/** Demo secrets by role; a role is missing when it has none to show. @category models */
export type DemoKeys = Partial<Record<Role, string>>

/** What to do about demo keys, and why. @category models */
export interface DemoKeysOutcome {
  readonly keys: DemoKeys
  /** Why some or all roles have no demo key (revoked, real keys present, not asked). */
  readonly notes: ReadonlyArray<string>
}

/** True for a key made by {@link ensureDemoKeys}. @category predicates */
export const isDemoKey = (k: KeyInfo): boolean => k.label === DEMO_LABEL && k.createdBy === DEMO_ACTOR

const keyIdOf = (secret: string): string | undefined => /^blk_([0-9a-f]+)_/.exec(secret)?.[1]

/**
 * Shows the saved demo keys that still work and makes the missing ones when asked. `saved` are the
 * secrets shown at an earlier start (only their hashes are in the store).
 * @category constructors
 */
export const ensureDemoKeys = (
  store: EventStoreShape,
  options: {
    /** `LEDGER_DEMO_KEYS=1`. */
    readonly asked: boolean
    /** The embedded store of `pnpm start` (not PostgreSQL). */
    readonly embedded: boolean
    readonly saved: DemoKeys
    /** Departments a demo writer may write. */
    readonly departments: ReadonlyArray<string>
  },
): Effect.Effect<DemoKeysOutcome, StoreUnavailable | AppendError | LedgerIntegrity> =>
  Effect.gen(function* () {
    const all = yield* listKeys(store)
    if (all.some((k) => !isDemoKey(k) && !k.revoked))
      return {
        keys: {},
        notes: ["the store holds real keys: no demo keys (create keys with `pnpm ledger keys create`)"],
      }
    const mayCreate = options.asked || (options.embedded && all.length === 0)
    const byId = new Map(all.map((k) => [k.keyId, k]))
    const keys: DemoKeys = {}
    const notes: Array<string> = []
    for (const role of ["writer", "auditor", "admin"] as const) {
      const saved = options.saved[role]
      const info = saved === undefined ? undefined : byId.get(keyIdOf(saved) ?? "")
      if (saved !== undefined && info !== undefined && !info.revoked && info.role === role) {
        keys[role] = saved
        continue
      }
      if (all.some((k) => isDemoKey(k) && k.role === role && k.revoked)) {
        notes.push(`the demo ${role} key was revoked; it is not made again`)
        continue
      }
      if (!mayCreate) continue
      const departments = [...new Set(options.departments.length > 0 ? options.departments : ["002"])]
      const created = yield* createKey(
        store,
        role === "writer" ? { role, departments, label: DEMO_LABEL } : { role, label: DEMO_LABEL },
        DEMO_ACTOR,
      )
      keys[role] = created.secret
    }
    if (!mayCreate && Object.keys(keys).length === 0)
      notes.push("no demo keys: set LEDGER_DEMO_KEYS=1 to make them, or `pnpm ledger keys create`")
    return { keys, notes }
  })
