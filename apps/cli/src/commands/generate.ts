/**
 * `ledger generate --departments N --years Y --seed S --out FILE`: writes a deterministic synthetic
 * province as NDJSON in the import format (one department-year after another, so memory stays
 * constant whatever N is). The same arguments give the same file on every machine.
 *
 * @module
 */
import { createWriteStream } from "node:fs"
import { resolve } from "node:path"
import { once } from "node:events"
import { generateProvince, InvalidProvince, provinceYears } from "@ledger/province"
import { parse, UsageError } from "../args.ts"
import type { Command } from "./context.ts"

const integer = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number, not "${text}"`)
  return Number(text)
}

/** @see module doc */
export const generateCommand: Command = async (argv, ctx) => {
  const { values } = parse(argv, {
    departments: { type: "string" },
    years: { type: "string" },
    seed: { type: "string" },
    out: { type: "string" },
    quiet: { type: "boolean" },
  })
  const spec = {
    departments: integer("departments", values.departments, 5_000),
    years: integer("years", values.years, 1),
    seed: integer("seed", values.seed, 1),
  }
  try {
    provinceYears(spec)
  } catch (e) {
    if (e instanceof InvalidProvince) throw new UsageError(`--${e.field}: ${e.message}`)
    throw e
  }
  const out = values.out === undefined ? undefined : createWriteStream(resolve(ctx.cwd, values.out))
  const write = async (chunk: string) => {
    if (out === undefined) ctx.stdout.write(chunk)
    else if (!out.write(chunk)) await once(out, "drain")
  }
  let events = 0
  let departmentYears = 0
  const started = Date.now()
  for (const dy of generateProvince(spec)) {
    let chunk = ""
    for (const e of dy.events) chunk += JSON.stringify(e) + "\n"
    await write(chunk)
    events += dy.events.length
    departmentYears++
    if (!values.quiet && departmentYears % 500 === 0)
      ctx.stderr.write(`generated ${departmentYears} department-years, ${events} events\n`)
  }
  if (out !== undefined) {
    out.end()
    await once(out, "close")
  }
  if (!values.quiet)
    ctx.stderr.write(
      `${departmentYears} department-years, ${events} events${values.out === undefined ? "" : ` to ${values.out}`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    )
  return 0
}
