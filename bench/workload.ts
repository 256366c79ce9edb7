/**
 * What the event-store workloads share, whichever store runs them: the sizes, a realistic
 * budget-line payload (~400 bytes of JSON), the measured result, and the timed loops (sequential
 * and N concurrent writers). Synthetic data only; nothing here comes from the reference document.
 *
 * @module
 */

/** Events counted over elapsed wall time; `note` says what was special about this run. */
export interface Measure {
  readonly events: number
  readonly ms: number
  readonly note?: string
}

/** Events per second of a measure (0 when nothing was timed). */
export const rate = (m: Measure): number => (m.ms > 0 ? (m.events * 1000) / m.ms : 0)

/** The sizes of one run; `BENCH_QUICK=1` picks the smoke sizes. */
export interface Sizes {
  /** (a) and (d): streams appended in one batch each, then read back. */
  readonly streams: number
  /** (a) and (d): events per stream = events per batch. */
  readonly perStream: number
  /** (b) total events of the bulk import. */
  readonly bulkTotal: number
  /** (b) events per append call. */
  readonly bulkPerCall: number
  /** (b) streams per append call (the call's events are split evenly over them). */
  readonly bulkStreamsPerCall: number
  /** (c) concurrent writers, each on its own stream. */
  readonly writers: number
  /** (c) how long the writers run. */
  readonly writerMs: number
  /** (c) an upper bound of appends per writer (tests stop on count, the benchmark on time). */
  readonly maxPerWriter: number
  /**
   * (d) page size of a global read: 2,500, a page V8's young generation holds (a page of 10,000
   * decoded events, ≈ 20 MB, outlives it and is copied as it survives: ≈ 30 % more CPU an event);
   * the plain SQL read uses the same page. (d″) also reads in pages of `readPageLarge`.
   */
  readonly readPage: number
  /** (d″) the larger page the read is also measured with (the page of earlier runs). */
  readonly readPageLarge: number
}

/** Full sizes (design README §5) and the ~30 s smoke sizes. */
export const SIZES: { readonly full: Sizes; readonly quick: Sizes } = {
  full: {
    streams: 100,
    perStream: 1000,
    bulkTotal: 100_000,
    bulkPerCall: 10_000,
    bulkStreamsPerCall: 10,
    writers: 8,
    writerMs: 10_000,
    maxPerWriter: Number.MAX_SAFE_INTEGER,
    readPage: 2_500,
    readPageLarge: 10_000,
  },
  quick: {
    streams: 10,
    perStream: 1000,
    bulkTotal: 20_000,
    bulkPerCall: 10_000,
    bulkStreamsPerCall: 10,
    writers: 8,
    writerMs: 2_000,
    maxPerWriter: Number.MAX_SAFE_INTEGER,
    readPage: 2_500,
    readPageLarge: 10_000,
  },
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0")

/** An amount in 元 with two decimals from a count of fen (never a float). */
const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${pad(fen % 100, 2)}`

/**
 * The `data` of one synthetic budget line: classification codes, fund source, amounts as strings
 * of 元, a short description and provenance — about 400 bytes of JSON, like a real appropriation.
 */
export const budgetLine = (stream: number, i: number): Record<string, unknown> => {
  const fen = ((stream + 1) * 7919 + i * 104_729) % 900_000_000
  return {
    departmentCode: `D${pad(stream % 1000, 3)}`,
    fiscalYear: 2026,
    lineId: `line-${pad(stream, 4)}-${pad(i, 6)}`,
    kind: i % 3 === 0 ? "project" : "basic",
    functionCode: `2${pad((stream * 31 + i) % 100_000, 6)}`,
    economicCode: `30${pad(i % 1000, 3)}`,
    fundSource: i % 4 === 0 ? "government-fund" : "general-public-budget",
    amount: yuan(fen),
    priorYearAmount: yuan((fen * 7) % 900_000_000),
    description: `Synthetic benchmark line ${i} of stream ${stream}: operating costs of the office.`,
    basis: { document: `BENCH-${pad(stream, 4)}-${pad(i % 97, 2)}`, section: `${i % 12}.${i % 7}` },
    tags: ["bench", i % 2 === 0 ? "recurring" : "one-off"],
  }
}

/** Milliseconds on a monotonic clock. */
const now = (): number => performance.now()

/** Times one async function; `events` is what it reports having done. */
export const timed = async (run: () => Promise<number>, note?: string): Promise<Measure> => {
  const t0 = now()
  const events = await run()
  const ms = now() - t0
  return note === undefined ? { events, ms } : { events, ms, note }
}

/**
 * Runs `writers` loops at once; each calls `step(writer, n)` with n = 0, 1, 2… until `durationMs`
 * has passed or it made `maxPerWriter` calls. Counts the calls that completed.
 */
export const concurrentWriters = async (
  writers: number,
  durationMs: number,
  maxPerWriter: number,
  step: (writer: number, n: number) => Promise<void>,
): Promise<Measure> => {
  const t0 = now()
  const deadline = t0 + durationMs
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      let n = 0
      while (n < maxPerWriter && now() < deadline) {
        await step(w, n)
        n++
      }
      return n
    }),
  )
  return { events: counts.reduce((a, b) => a + b, 0), ms: now() - t0 }
}
