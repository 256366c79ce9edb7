/**
 * `ledger import FILE --dry-run [--format txt|json] [--known-defects FILE]`: the file is decoded and decided as the import
 * would, then replayed in memory after what the store holds — nothing is written. It prints, per
 * department-year, the versions the events would take, the cells of the current document they
 * would change and the auditor's findings on the document after them (the API's
 * `POST …/events?dryRun=true` answers the same). Exits 1 when the checks would find an error.
 *
 * @module
 */
import { readFile } from "node:fs/promises"
import { checkDisclosure, placeText, type CheckResult } from "@ledger/audit"
import type { DryRunResult } from "@ledger/service"
import { UsageError } from "../args.ts"
import { knownDefectsOf } from "../known-defects.ts"
import { run, withStore, type CommandContext } from "./context.ts"

type Flags = {
  readonly store?: string | undefined
  readonly "database-url"?: string | undefined
  readonly "known-defects"?: string | undefined
}

const text = (plan: DryRunResult<CheckResult>): string => {
  const out: Array<string> = ["dry run: nothing was written"]
  for (const s of plan.streams) {
    out.push(
      s.appended === 0
        ? `${s.streamId}: nothing new (${s.skipped} already stored)`
        : `${s.streamId}: would take versions ${s.fromVersion}..${s.toVersion} (${s.appended} new, ${s.skipped} already stored)`,
    )
    if (s.notDisclosable !== undefined) out.push(`  no disclosure yet: ${s.notDisclosable}`)
    if (s.diff === null && s.notDisclosable === undefined)
      out.push("  a new department-year: no current document to change")
    for (const c of s.diff?.cells ?? [])
      out.push(`  表${c.table} ${c.rowLabel} · ${c.column}: ${c.old || "(blank)"} → ${c.new || "(blank)"}`)
    for (const n of s.diff?.narrative ?? []) out.push(`  narrative ${n.id} ${n.title} changes`)
    if (s.checks !== null) {
      for (const f of s.checks.findings)
        out.push(`  ${f.severity}\t${f.rule}\t${placeText(f.place)}\t${f.message}`)
      out.push(`  checks: ${s.checks.findings.length} finding(s), passed ${s.checks.passed.join(" ")}`)
    }
  }
  return out.join("\n") + "\n"
}

/** Runs the dry run of `path` and prints it; the exit code is 1 when the checks would find an error. */
export const importDryRun = async (
  path: string,
  options: { readonly actor: string; readonly format: string; readonly flags: Flags },
  ctx: CommandContext,
): Promise<number> => {
  if (options.format !== "txt" && options.format !== "json")
    throw new UsageError("--format must be txt or json")
  const content = await readFile(path, "utf8")
  // The findings label the known defects --known-defects (else LEDGER_KNOWN_DEFECTS) acknowledges, as `ledger check` does.
  const knownDefects = await knownDefectsOf(options.flags, ctx)
  return withStore(options.flags, ctx, async (service) => {
    const check: typeof checkDisclosure = (doc, state) => checkDisclosure(doc, state, knownDefects)
    const plan = await run(service.dryRunImport(content, { actor: options.actor, check }))
    ctx.stdout.write(options.format === "json" ? JSON.stringify(plan, null, 2) + "\n" : text(plan))
    return plan.streams.some((s) => s.checks?.findings.some((f) => f.severity === "error")) ? 1 : 0
  })
}
