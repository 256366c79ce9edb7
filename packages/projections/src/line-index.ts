/**
 * Where `select` looks for lines. Tables ask the same array of lines again and again with a
 * different unit, project or function code (table 1: 30 classes × 3 column sets over all lines;
 * table 12: every unit, then every project of it), which made a build O(cells × lines). An array
 * asked a second time gets buckets by unit, by project and by function-code prefix, built in one
 * pass each when first needed, so later questions read only the lines that can match.
 *
 * A bucket keeps the array's order and holds exactly the lines whose field matches, so `select`
 * over a bucket returns what it returns over the whole array (property-tested against the scan).
 * Line arrays are never mutated after they are made (they are `ReadonlyArray`s built by `select`,
 * `linesOf` and the tables), which is what makes an index keyed by the array's identity sound.
 *
 * @module line-index
 */
import type { Line, LineFilter } from "./ledger.ts"

/** Below this many lines a scan is cheaper than any bookkeeping. */
const MIN_LINES = 32

/** The prefix lengths with their own buckets: 类, 款 and 项 of the functional classification. */
const PREFIX_LENGTHS = [7, 5, 3] as const

type Buckets = Map<string, Array<Line>>

/** What is known about one array: its length then, how often it was asked, the buckets built so far. */
interface Entry {
  readonly length: number
  asked: number
  unit?: Buckets
  project?: Buckets
  readonly prefix: Map<number, Buckets>
}

const entries = new WeakMap<ReadonlyArray<Line>, Entry>()

const NONE: ReadonlyArray<Line> = []

/** One pass: the lines under each key, in the array's order (a line with no key is in no bucket). */
const bucket = (lines: ReadonlyArray<Line>, key: (l: Line) => string | undefined): Buckets => {
  const out: Buckets = new Map()
  for (const l of lines) {
    const k = key(l)
    if (k === undefined) continue
    const b = out.get(k)
    if (b === undefined) out.set(k, [l])
    else b.push(l)
  }
  return out
}

const projectKey = (l: Line): string | undefined => {
  const e = l.line.expenditure
  return e.kind === "project" ? e.projectId : undefined
}

/**
 * The lines whose function code starts with `prefix`: the bucket of the longest indexed length
 * that fits, `slice`d to it. A code shorter than that length is keyed by the whole code, which
 * never equals a longer prefix — just as `startsWith` would not match it.
 */
const byPrefix = (lines: ReadonlyArray<Line>, e: Entry, prefix: string): ReadonlyArray<Line> | undefined => {
  const n = PREFIX_LENGTHS.find((k) => prefix.length >= k)
  if (n === undefined) return undefined
  let buckets = e.prefix.get(n)
  if (buckets === undefined) {
    buckets = bucket(lines, (l) => l.line.functionCode.slice(0, n))
    e.prefix.set(n, buckets)
  }
  return buckets.get(prefix.slice(0, n)) ?? NONE
}

/**
 * A subset of `lines`, in their order, that holds every line matching all `filters` (the caller
 * still applies the filters to it), or undefined when no index helps and the whole array is to
 * be scanned. The first time an array is asked it is only counted: most arrays are asked once.
 * @category projections
 */
export const candidates = (
  lines: ReadonlyArray<Line>,
  filters: ReadonlyArray<LineFilter>,
): ReadonlyArray<Line> | undefined => {
  if (lines.length < MIN_LINES) return undefined
  let project: string | undefined
  let unit: string | undefined
  let prefix: string | undefined
  for (const f of filters) {
    project ??= f.project
    unit ??= f.unit
    if (f.functionPrefix !== undefined && (prefix === undefined || f.functionPrefix.length > prefix.length))
      prefix = f.functionPrefix
  }
  const shortest = PREFIX_LENGTHS[PREFIX_LENGTHS.length - 1] as number
  if (project === undefined && unit === undefined && (prefix === undefined || prefix.length < shortest))
    return undefined
  let e = entries.get(lines)
  // a changed length means someone broke the read-only contract: forget what was built
  if (e === undefined || e.length !== lines.length) {
    e = { length: lines.length, asked: 0, prefix: new Map() }
    entries.set(lines, e)
  }
  if (++e.asked < 2) return undefined
  if (project !== undefined) return (e.project ??= bucket(lines, projectKey)).get(project) ?? NONE
  if (unit !== undefined) return (e.unit ??= bucket(lines, (l) => l.line.unitCode)).get(unit) ?? NONE
  return prefix === undefined ? undefined : byPrefix(lines, e, prefix)
}
