/**
 * The row every benchmark returns and the one table printer they share, so `pnpm bench` and a
 * single benchmark run alone (`npx tsx bench/<name>.ts`) print the same columns.
 *
 * @module
 */

/** One measured figure: what, how much, in which unit, and an optional remark (target, sample size). */
export interface BenchRow {
  readonly name: string
  readonly value: number
  readonly unit: string
  readonly note?: string
}

/** The q-quantile (0 ≤ q ≤ 1) of samples, nearest-rank on a sorted copy; NaN for no samples. */
export const quantile = (samples: ReadonlyArray<number>, q: number): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank] as number
}

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v >= 100 ? v.toFixed(0) : v.toFixed(3))

/** The rows as an aligned plain-text table. */
export const formatRows = (rows: ReadonlyArray<BenchRow>): string => {
  const table = [
    ["benchmark", "value", "unit", "note"],
    ...rows.map((r) => [r.name, fmt(r.value), r.unit, r.note ?? ""]),
  ]
  const widths = [0, 1, 2].map((c) => Math.max(...table.map((r) => (r[c] ?? "").length)))
  return table
    .map((r) =>
      r
        .map((cell, c) =>
          c === 1 ? cell.padStart(widths[c] ?? 0) : c < 3 ? cell.padEnd(widths[c] ?? 0) : cell,
        )
        .join("  ")
        .trimEnd(),
    )
    .join("\n")
}
