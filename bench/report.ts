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
  /** A curve row (value = growth exponent k): the shape expected, which its verdict is judged by. */
  readonly expect?: "flat" | "linear"
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

/** Measurements of one quantity as the work grows, and the shape it should have. */
export interface Curve {
  readonly name: string
  /** What grows: "store" or "stream" (for the sentence). */
  readonly what: string
  readonly expect: "flat" | "linear"
  /** (size, milliseconds) in increasing size. */
  readonly points: ReadonlyArray<{ readonly n: number; readonly v: number }>
}

const power = (n: number): string => `10^${Math.round(Math.log10(n))}`

/** The unit of a curve row: k of time ∝ size^k (0 flat, 1 linear). */
const CURVE_UNIT = "k (time ∝ size^k)"

/** The largest k still called flat (under 2.5× over 100× the size) and still linear. */
export const CURVE_LIMITS = { flat: 0.2, linear: 1.15 } as const

/**
 * A curve as one row: the value is the growth exponent k of time ∝ size^k (the least-squares
 * slope over every point, in log–log); the note gives the growth between the ends, lists every
 * point and judges the shape in one sentence against what was expected (a curve is as expected
 * when it grows no faster than that).
 */
export const curveRow = (c: Curve): BenchRow => {
  const a = c.points[0]
  const b = c.points[c.points.length - 1]
  const list = c.points.map((p) => `${power(p.n)}: ${fmt(p.v)} ms`).join(", ")
  if (a === undefined || b === undefined || b.n <= a.n || a.v <= 0 || b.v <= 0) {
    return {
      name: c.name,
      value: Number.NaN,
      unit: CURVE_UNIT,
      note: `${list}; too few points to judge`,
      expect: c.expect,
    }
  }
  const growth = b.v / a.v
  // The least-squares slope of log time on log size: every point counts, not just the two ends.
  const xs = c.points.map((p) => Math.log(p.n))
  const ys = c.points.map((p) => Math.log(Math.max(p.v, Number.MIN_VALUE)))
  const mean = (v: ReadonlyArray<number>) => v.reduce((acc, x) => acc + x, 0) / v.length
  const [mx, my] = [mean(xs), mean(ys)]
  const k =
    xs.reduce((acc, x, i) => acc + (x - mx) * ((ys[i] ?? my) - my), 0) /
    xs.reduce((acc, x) => acc + (x - mx) ** 2, 0)
  const shape =
    k < CURVE_LIMITS.flat
      ? "flat"
      : k < 0.85
        ? "sublinear"
        : k <= CURVE_LIMITS.linear
          ? "linear"
          : "superlinear"
  const ok = k <= CURVE_LIMITS[c.expect]
  const sentence =
    `${shape} in ${c.what} size: ${power(b.n)}/${power(a.n)} = ${growth.toFixed(2)}× over ` +
    `${Math.round(b.n / a.n).toLocaleString("en-US")}× the ${c.what}; ` +
    `expected ${c.expect}${ok ? ", as expected" : ": NOT as expected"}`
  return { name: c.name, value: k, unit: CURVE_UNIT, note: `${sentence}. ${list}`, expect: c.expect }
}
