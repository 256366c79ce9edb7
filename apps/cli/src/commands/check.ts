/**
 * `ledger check --department D --year Y [--as-of …] [--format json|txt] [--lang zh|en] [--known-defects FILE]`: the auditor's rules
 * R1–R16 on the disclosure as of a point — the same answer as the API's
 * `GET …/departments/{code}/years/{year}/checks`, from the service's one replay. Exits 0 when every
 * rule passes (warnings allowed) and 1 when a rule has an error finding, so a script can gate on it.
 * `--lang zh` words the findings in Chinese for officials (English, the default, for developers).
 * `--known-defects FILE` (or `LEDGER_KNOWN_DEFECTS`) labels the §5.2 defects a registry acknowledges.
 *
 * @module
 */
import { checkDisclosure, checkResultIn, placeText } from "@ledger/audit"
import { departmentYear, parse, parseAsOf, reportFlags, reportOptions, storeFlags } from "../args.ts"
import { knownDefectsFlags, knownDefectsOf } from "../known-defects.ts"
import { run, withStore, type Command } from "./context.ts"

/** @see module doc */
export const checkCommand: Command = async (argv, ctx) => {
  const { values } = parse(argv, {
    ...storeFlags,
    department: { type: "string" },
    year: { type: "string" },
    "as-of": { type: "string" },
    ...reportFlags,
    ...knownDefectsFlags,
  })
  const { department, year } = departmentYear(values)
  const { format, lang } = reportOptions(values)
  const asOf = parseAsOf(values["as-of"])
  const knownDefects = await knownDefectsOf(values, ctx)
  return withStore(values, ctx, async (service) => {
    const replay = await run(service.replay(department, year, asOf))
    const result = checkResultIn(checkDisclosure(replay.disclosure, replay.state, knownDefects), lang)
    if (format === "json") {
      ctx.stdout.write(JSON.stringify(result, null, 2) + "\n")
    } else {
      for (const f of result.findings)
        ctx.stdout.write(`${f.severity}\t${f.rule}\t${placeText(f.place)}\t${f.message}\n`)
      ctx.stdout.write(`passed: ${result.passed.join(" ")}\n${result.findings.length} findings\n`)
    }
    return result.findings.some((f) => f.severity === "error") ? 1 : 0
  })
}
