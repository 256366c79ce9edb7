/**
 * The one table `pnpm bench` prints: each workload with our figure, Emmett's, the plain-SQL
 * baseline, the ratio ours/Emmett, the design target and whether it was met. Printed as a
 * Markdown table so the same text goes into `docs/performance.md` unchanged.
 *
 * @module
 */
import type { BenchRow } from "./report.ts"

/** A target of issue 14 (or design README §5): any of an absolute floor or ceiling, a floor on ours/Emmett, a floor on ours/plain SQL; all must hold. */
export interface Target {
  readonly min?: number
  readonly minRatio?: number
  /** A floor on ours/plain SQL. */
  readonly minPlainRatio?: number
  /** A ceiling the figure may reach (e.g. p50 ≤ 50 ms). */
  readonly max?: number
  /** A ceiling the figure must stay under (e.g. median < 5 ms). */
  readonly below?: number
  readonly text: string
}

/** One line of the table; a missing figure prints as "—". */
export interface CompareRow {
  readonly workload: string
  readonly unit: string
  readonly ours?: number | undefined
  readonly emmett?: number | undefined
  readonly baseline?: number | undefined
  readonly target?: Target | undefined
  readonly note?: string | undefined
}

/** ours/Emmett, or undefined when either is missing or Emmett is 0. */
export const ratio = (row: CompareRow): number | undefined =>
  row.ours !== undefined && row.emmett !== undefined && row.emmett > 0 ? row.ours / row.emmett : undefined

/** ours/plain SQL: the share of what the server itself does that our store keeps, whatever the machine. */
const ratioToPlain = (row: CompareRow): number | undefined =>
  row.ours !== undefined && row.baseline !== undefined && row.baseline > 0
    ? row.ours / row.baseline
    : undefined

const times = (q: number | undefined): string => (q === undefined ? "—" : `${q.toFixed(2)}×`)

/**
 * "pass" when every part of the target holds, "FAIL" when any part does not (even if another part
 * cannot be judged), "—" without a target or figure or when a part lacks its comparison figure.
 */
export const verdict = (row: CompareRow): "pass" | "FAIL" | "—" => {
  const t = row.target
  if (t === undefined || row.ours === undefined || Number.isNaN(row.ours)) return "—"
  const ours = row.ours
  /** true/false when `floor` is absent or judged against `value`; undefined when `value` is missing. */
  const atLeast = (value: number | undefined, floor: number | undefined): boolean | undefined =>
    floor === undefined ? true : value === undefined ? undefined : value >= floor
  const parts: ReadonlyArray<boolean | undefined> = [
    atLeast(ours, t.min),
    t.max === undefined ? true : ours <= t.max,
    t.below === undefined ? true : ours < t.below,
    atLeast(ratio(row), t.minRatio),
    atLeast(ratioToPlain(row), t.minPlainRatio),
  ]
  if (parts.includes(false)) return "FAIL"
  return parts.includes(undefined) ? "—" : "pass"
}

/** A figure for the table: thousands separated when large, three significant decimals when small. */
const figure = (v: number | undefined): string => {
  if (v === undefined || Number.isNaN(v)) return "—"
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString("en-US")
  return v.toFixed(Math.abs(v) >= 10 ? 1 : 3)
}

/** A row of another benchmark (`BenchRow`), shown with our figure only. */
export const fromBenchRow = (row: BenchRow, target?: Target): CompareRow => ({
  workload: row.name,
  unit: row.unit,
  ours: row.value,
  target,
  note: row.note,
})

const cell = (text: string): string => text.replaceAll("|", "\\|")

/** The rows as one Markdown table. */
export const formatTable = (rows: ReadonlyArray<CompareRow>): string => {
  const header = [
    "workload",
    "unit",
    "ours",
    "Emmett",
    "plain SQL",
    "ours/Emmett",
    "ours/plain",
    "target",
    "pass/fail",
    "note",
  ]
  const lines = rows.map((r) => [
    r.workload,
    r.unit,
    figure(r.ours),
    figure(r.emmett),
    figure(r.baseline),
    times(ratio(r)),
    times(ratioToPlain(r)),
    r.target?.text ?? "",
    verdict(r),
    r.note ?? "",
  ])
  const render = (cells: ReadonlyArray<string>) => `| ${cells.map(cell).join(" | ")} |`
  return [render(header), render(header.map(() => "---")), ...lines.map(render)].join("\n")
}
