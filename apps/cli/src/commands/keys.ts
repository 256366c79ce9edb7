/**
 * `ledger keys create --role writer|auditor|admin [--department CODE]… [--label TEXT]`,
 * `ledger keys list`, `ledger keys revoke KEY_ID`: API keys, kept hashed as events in the store's
 * key stream. The secret is printed once, at creation.
 *
 * @module
 */
import { createKey, InvalidKeySpec, listKeys, revokeKey, Role } from "@ledger/service"
import { Schema } from "effect"
import { parse, storeFlags, UsageError } from "../args.ts"
import { run, withStore, type Command } from "./context.ts"
import { configOf } from "../config.ts"

const isRole = Schema.is(Role)

/** @see module doc */
export const keysCommand: Command = async (argv, ctx) => {
  const { values, positionals } = parse(argv, {
    ...storeFlags,
    role: { type: "string" },
    department: { type: "string", multiple: true },
    label: { type: "string" },
    actor: { type: "string" },
  })
  const [action, keyId] = positionals
  const actor = values.actor ?? configOf(ctx.env).actor
  switch (action) {
    case "create": {
      const role = values.role
      if (!isRole(role)) throw new UsageError("--role must be writer, auditor or admin")
      const spec = {
        role,
        ...(values.department ? { departments: values.department } : {}),
        ...(values.label ? { label: values.label } : {}),
      }
      return withStore(values, ctx, async (_service, store) => {
        try {
          const created = await run(createKey(store, spec, actor))
          ctx.stdout.write(JSON.stringify(created, null, 2) + "\n")
          ctx.stderr.write("the secret is shown once; only its sha256 is stored\n")
          return 0
        } catch (e) {
          if (e instanceof InvalidKeySpec) throw new UsageError(e.message)
          throw e
        }
      })
    }
    case "list":
      return withStore(values, ctx, async (_service, store) => {
        const keys = await run(listKeys(store))
        ctx.stdout.write(JSON.stringify(keys, null, 2) + "\n")
        return 0
      })
    case "revoke": {
      if (keyId === undefined) throw new UsageError("keys revoke needs a KEY_ID")
      return withStore(values, ctx, async (_service, store) => {
        const revoked = await run(revokeKey(store, keyId, actor))
        if (!revoked) {
          ctx.stderr.write(`no key ${keyId}\n`)
          return 1
        }
        ctx.stdout.write(`revoked ${keyId}\n`)
        return 0
      })
    }
    default:
      throw new UsageError("keys needs create, list or revoke")
  }
}
