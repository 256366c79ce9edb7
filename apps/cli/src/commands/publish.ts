/**
 * `ledger publish --department D --year Y [--date YYYY-MM-DD] [--expected-version N] [--force] [--known-defects FILE]`:
 * seals the current state as the published disclosure — a DisclosurePublished event with the
 * position, chain head and document hash it was rendered from. The auditor's checks run first and
 * their errors refuse it unless `--force` (recorded in the seal) — except the §5.2 defects the
 * known-defect registry acknowledges on this document; a state already sealed answers the existing
 * seal.
 *
 * @module
 */
import { checkDisclosure } from "@ledger/audit"
import { today } from "@ledger/service"
import { departmentYear, parse, storeFlags, UsageError } from "../args.ts"
import { knownDefectsFlags, knownDefectsOf } from "../known-defects.ts"
import { run, withStore, type Command } from "./context.ts"
import { configOf } from "../config.ts"

/** @see module doc */
export const publishCommand: Command = async (argv, ctx) => {
  const { values } = parse(argv, {
    ...storeFlags,
    department: { type: "string" },
    year: { type: "string" },
    date: { type: "string" },
    actor: { type: "string" },
    "expected-version": { type: "string" },
    force: { type: "boolean" },
    ...knownDefectsFlags,
  })
  const { department, year } = departmentYear(values)
  const date = values.date ?? (await run(today))
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError("--date must be YYYY-MM-DD")
  const expectedText = values["expected-version"]
  if (expectedText !== undefined && !/^\d{1,10}$/.test(expectedText))
    throw new UsageError("--expected-version must be a stream version")
  const actor = values.actor ?? configOf(ctx.env).actor
  const knownDefects = await knownDefectsOf(values, ctx)
  return withStore(values, ctx, async (service) => {
    const seal = await run(
      service.publish(department, year, {
        actor,
        occurredAt: date,
        expectedVersion: expectedText === undefined ? undefined : Number(expectedText),
        force: values.force === true,
        check: (doc, state) =>
          checkDisclosure(doc, state, knownDefects)
            .findings.filter((f) => f.severity === "error" && f.knownDefect === undefined)
            .map((f) => ({ rule: f.rule, place: Object.values(f.place).join("/"), message: f.message })),
      }),
    )
    ctx.stdout.write(JSON.stringify(seal, null, 2) + "\n")
    if (seal.appended === 0) ctx.stderr.write("already published: this is the existing seal\n")
    return 0
  })
}
