/**
 * The one as-of of budget-ledger: which state of a department-year's log to replay. Every interface
 * (the HTTP `asOf` query, the command line's `--as-of`, `from`/`to` of a diff) writes it the same
 * way and decodes it with {@link AsOfFromString}; {@link selectEvents} is the one place it is applied.
 *
 * String form (one per point):
 *
 * | text                         | point                                                              |
 * | ---------------------------- | ------------------------------------------------------------------ |
 * | `current`                    | every event                                                        |
 * | `published`                  | every event before the latest `DisclosurePublished`                |
 * | `42`                         | events up to and including log position 42                         |
 * | `2026-02-06T10:00:00Z`       | events recorded up to that instant (`Z` or `±HH:MM`, seconds optional) |
 * | `2026-02-06`                 | events recorded up to the END of that day in Asia/Shanghai         |
 * | `occurred:2026-02-06`        | events whose business date (`occurredAt`) is on or before that day |
 * | `occurred:2026-02-06T10:00Z` | events whose business time is up to that instant                   |
 *
 * A bare date is a day in the department's time zone, Asia/Shanghai (UTC+8, no daylight saving):
 * `2026-02-06` means "as the ledger stood when that day ended in China", i.e. up to
 * `2026-02-06T15:59:59.999Z`. A bare `occurredAt` of an event is likewise that day in Shanghai.
 * Impossible dates (`2026-02-30`, hour 25, year 0000) are refused with {@link InvalidAsOf}.
 *
 * @module as-of
 */
import { Codes } from "@ledger/domain"
import { Data, Result, Schema, SchemaGetter } from "effect"
import type { LoggedEvent } from "./logged-event.ts"

/** Which state of the log to project. @category models */
export type AsOf =
  | { readonly _tag: "Current" }
  | { readonly _tag: "Published" }
  | { readonly _tag: "Position"; readonly position: number }
  | { readonly _tag: "RecordedAt"; readonly at: string }
  | { readonly _tag: "OccurredAt"; readonly at: string }

/** The department's time zone: the day a bare date names. @category models */
export const DISCLOSURE_TIME_ZONE = "Asia/Shanghai"
/** Asia/Shanghai is UTC+8 all year. */
const ZONE_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

const DATE = String.raw`\d{4}-\d{2}-\d{2}`
const INSTANT = String.raw`${DATE}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})`
/** The grammar of the string form (its calendar is checked by {@link asOfProblem}). */
const GRAMMAR = new RegExp(String.raw`^(?:current|published|\d{1,15}|(?:occurred:)?(?:${DATE}|${INSTANT}))$`)
const TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2})))?$/

const GRAMMAR_MESSAGE =
  "must be current, published, a log position, an ISO date or instant (2026-02-06, 2026-02-06T10:00:00Z) or occurred:DATE"

/**
 * Milliseconds of a date or instant text; a bare date is the START of that day in Asia/Shanghai,
 * or its last millisecond with `end`. NaN for anything that is not a real calendar date and time.
 */
const millisOf = (text: string, end: boolean): number => {
  const m = TIME.exec(text)
  if (m === null) return Number.NaN
  const [, y, mo, d, h, mi, s = "0", frac = "0", z, sign, oh = "0", om = "0"] = m
  const [year, month, day] = [Number(y), Number(mo), Number(d)]
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return Number.NaN
  const midnight = utcMidnight(year, month, day)
  if (h === undefined) return midnight - ZONE_OFFSET_MS + (end ? DAY_MS - 1 : 0)
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)]
  if (hour > 23 || minute > 59 || second > 59 || Number(oh) > 14 || Number(om) > 59) return Number.NaN
  const offset = z === "Z" ? 0 : (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000
  return midnight + ((hour * 60 + minute) * 60 + second) * 1000 + Number(frac.padEnd(3, "0")) - offset
}

const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const daysIn = (y: number, m: number): number =>
  m === 2 ? (leap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
/** 400 Gregorian years, in ms: `Date.UTC` reads years 0–99 as 1900–1999, so those are shifted. */
const ERA_MS = 146_097 * DAY_MS
const utcMidnight = (y: number, m: number, d: number): number =>
  y < 100 ? Date.UTC(y + 400, m - 1, d) - ERA_MS : Date.UTC(y, m - 1, d)

/** An event's time: strict form first, anything `Date.parse` reads otherwise. */
const eventMillis = (text: string): number => {
  const ms = millisOf(text, false)
  return Number.isNaN(ms) ? Date.parse(text) : ms
}

/** Why a text is not an as-of point, or undefined when it is one. @category constructors */
export const asOfProblem = (text: string): string | undefined => {
  if (!GRAMMAR.test(text)) return GRAMMAR_MESSAGE
  const time = text.startsWith("occurred:") ? text.slice("occurred:".length) : text
  if (/^\d{1,15}$/.test(time) || time === "current" || time === "published") return undefined
  if (Number.isNaN(millisOf(time, true))) return `"${time}" is not a real date or time`
  const year = Number(time.slice(0, 4))
  // The years an event may carry (Codes.DATE_YEARS): 0000 or 9999 is a typing accident, not a point.
  return year < Codes.DATE_YEARS.minimum || year > Codes.DATE_YEARS.maximum
    ? `"${time}" names the year ${time.slice(0, 4)}, outside ${Codes.DATE_YEARS.minimum}–${Codes.DATE_YEARS.maximum}`
    : undefined
}

/** The point a (valid) text names. */
const parse = (text: string): AsOf => {
  if (text === "current") return AsOf.current
  if (text === "published") return AsOf.published
  if (/^\d+$/.test(text)) return AsOf.position(Number(text))
  if (text.startsWith("occurred:")) return AsOf.occurredAt(text.slice("occurred:".length))
  return AsOf.recordedAt(text)
}

/** The string form of a point; `AsOf.decode(formatAsOf(p))` gives `p` back. @category constructors */
export const formatAsOf = (asOf: AsOf): string => {
  switch (asOf._tag) {
    case "Current":
      return "current"
    case "Published":
      return "published"
    case "Position":
      return String(asOf.position)
    case "RecordedAt":
      return asOf.at
    case "OccurredAt":
      return `occurred:${asOf.at}`
  }
}

/** The text of an as-of point, checked against the grammar only (for query schemas and OpenAPI). @category schemas */
export const AsOfText = Schema.String.check(Schema.isPattern(GRAMMAR, { message: GRAMMAR_MESSAGE })).annotate(
  {
    description:
      "current | published | POSITION | ISO instant (recorded by) | YYYY-MM-DD (recorded by the end of that day, Asia/Shanghai) | occurred:DATE-OR-INSTANT (business time)",
  },
)

/** The decoded point as a tagged value. @category schemas */
export const AsOfValue = Schema.Union([
  Schema.TaggedStruct("Current", {}),
  Schema.TaggedStruct("Published", {}),
  Schema.TaggedStruct("Position", { position: Schema.Int }),
  Schema.TaggedStruct("RecordedAt", { at: Schema.String }),
  Schema.TaggedStruct("OccurredAt", { at: Schema.String }),
])

/** The one Schema of as-of: its string form ⇄ the point, calendar-checked. @category schemas */
export const AsOfFromString = AsOfText.check(Schema.makeFilter((s: string) => asOfProblem(s) ?? true)).pipe(
  Schema.decodeTo(AsOfValue, {
    decode: SchemaGetter.transform(parse),
    encode: SchemaGetter.transform(formatAsOf),
  }),
)

/** A text that is not an as-of point; `field` names where it came from (`asOf`, `query.to`, `--as-of`). @category errors */
export class InvalidAsOf extends Data.TaggedError("InvalidAsOf")<{
  readonly field: string
  readonly input: string
  readonly reason: string
}> {
  override get message(): string {
    return `${this.field} "${this.input}": ${this.reason}`
  }
}

/** Constructors and the decoder of {@link AsOf}. @category constructors */
export const AsOf = {
  current: { _tag: "Current" } as AsOf,
  published: { _tag: "Published" } as AsOf,
  position: (position: number): AsOf => ({ _tag: "Position", position }),
  recordedAt: (at: string): AsOf => ({ _tag: "RecordedAt", at }),
  occurredAt: (at: string): AsOf => ({ _tag: "OccurredAt", at }),
  /** Decodes the string form; `field` names the input in the error. */
  decode: (text: string, field = "asOf"): Result.Result<AsOf, InvalidAsOf> => {
    const reason = asOfProblem(text)
    return reason === undefined
      ? Result.succeed(parse(text))
      : Result.fail(new InvalidAsOf({ field, input: text, reason }))
  },
  format: formatAsOf,
  /** True for points whose events can never change: a publication, a log position. */
  isFixed: (asOf: AsOf): boolean => asOf._tag === "Published" || asOf._tag === "Position",
}

/** "As published" was asked for a stream that has no `DisclosurePublished` event. @category errors */
export class NotPublished extends Data.TaggedError("NotPublished")<{ readonly streamId: string }> {
  override get message(): string {
    return `stream ${this.streamId} has no DisclosurePublished event`
  }
}

/** What selection needs to know of an event (a logged event's meta, a stored row). @category models */
export interface AsOfFields {
  readonly position: number
  readonly recordedAt: string
  readonly occurredAt: string
  readonly type: string
  readonly streamId: string
}

/**
 * The events (in log order) that make up the state asked for, for any event shape. Time bounds are
 * inclusive. @category projections
 */
export const selectBy = <E>(
  events: ReadonlyArray<E>,
  asOf: AsOf,
  fields: (e: E) => AsOfFields,
): Result.Result<ReadonlyArray<E>, NotPublished | InvalidAsOf> => {
  switch (asOf._tag) {
    case "Current":
      return Result.succeed(events)
    case "Published": {
      let last = -1
      events.forEach((e, i) => {
        if (fields(e).type === "DisclosurePublished") last = i
      })
      const first = events[0]
      if (last < 0) return Result.fail(new NotPublished({ streamId: first ? fields(first).streamId : "" }))
      return Result.succeed(events.slice(0, last))
    }
    case "Position":
      return Result.succeed(events.filter((e) => fields(e).position <= asOf.position))
    case "RecordedAt":
    case "OccurredAt": {
      const bound = millisOf(asOf.at, true)
      if (Number.isNaN(bound))
        return Result.fail(
          new InvalidAsOf({ field: "asOf", input: formatAsOf(asOf), reason: "is not a real date or time" }),
        )
      const pick =
        asOf._tag === "RecordedAt" ? (e: E) => fields(e).recordedAt : (e: E) => fields(e).occurredAt
      return Result.succeed(events.filter((e) => eventMillis(pick(e)) <= bound))
    }
  }
}

const metaFields = (e: LoggedEvent): AsOfFields => ({
  position: e.meta.position,
  recordedAt: e.meta.recordedAt,
  occurredAt: e.meta.occurredAt,
  type: e.event.type,
  streamId: e.meta.streamId,
})

/** {@link selectBy} over logged events: the selection every replay makes. @category projections */
export const selectEvents = (
  events: ReadonlyArray<LoggedEvent>,
  asOf: AsOf,
): Result.Result<ReadonlyArray<LoggedEvent>, NotPublished | InvalidAsOf> => selectBy(events, asOf, metaFields)
