/**
 * Which published documents carry which acknowledged §5.2 known-defect labels: a registry file
 * (`known-defects/v1`, e.g. fixtures/reference-documents/known-defects.json) named by
 * `--known-defects FILE` or `LEDGER_KNOWN_DEFECTS`. Without one no document carries a label, so
 * `check`, `reconcile` and `publish` never treat another department's error as a known defect.
 *
 * @module
 */
import { readFile } from "node:fs/promises"
import { resolve } from "node:path"
import { type KnownDefectRegistry, NO_KNOWN_DEFECTS, parseKnownDefectRegistry } from "@ledger/audit"
import { Result } from "effect"
import { UsageError } from "./args.ts"
import { configOf } from "./config.ts"
import type { CommandContext } from "./commands/context.ts"

/** The flag of the commands that label known defects (`check`, `reconcile`, `publish`). */
export const knownDefectsFlags = {
  "known-defects": { type: "string" },
} as const

/**
 * The registry the flag (else `LEDGER_KNOWN_DEFECTS`) names, decoded; none given is the empty
 * registry. A file that cannot be read or does not decode is a usage error naming it.
 */
export const knownDefectsOf = async (
  values: { readonly "known-defects"?: string | undefined },
  ctx: Pick<CommandContext, "env" | "cwd">,
): Promise<KnownDefectRegistry> => {
  const flag = values["known-defects"]
  const file = flag ?? configOf(ctx.env).knownDefects
  if (file === undefined) return NO_KNOWN_DEFECTS
  const source = flag !== undefined ? `--known-defects ${file}` : `LEDGER_KNOWN_DEFECTS=${file}`
  const text = await readFile(resolve(ctx.cwd, file), "utf8").catch((e: unknown) => {
    throw new UsageError(`${source}: cannot read it: ${(e as Error).message}`)
  })
  const decoded = parseKnownDefectRegistry(text)
  if (Result.isFailure(decoded)) throw new UsageError(`${source}: ${decoded.failure.message}`)
  return decoded.success
}
