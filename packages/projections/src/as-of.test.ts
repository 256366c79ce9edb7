/** The one as-of: its string form, its calendar checks, and selecting events by it. */
import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { AsOf, AsOfFromString, selectEvents } from "./as-of.ts"
import { fixturePath, readNdjson } from "./testing/fixture.ts"
import { toLogged } from "./testing/logged.ts"

const events = toLogged(readNdjson(fixturePath))
const first = events[0] as (typeof events)[number]
const published = events.findIndex((e) => e.event.type === "DisclosurePublished")
const ok = <A>(r: Result.Result<A, unknown>): A => {
  if (Result.isFailure(r)) throw new Error(String(r.failure))
  return r.success
}

describe("selectEvents", () => {
  it("current is every event", () => {
    expect(ok(selectEvents(events, AsOf.current))).toHaveLength(events.length)
  })
  it("published is every event before the latest DisclosurePublished", () => {
    const sel = ok(selectEvents(events, AsOf.published))
    expect(sel).toHaveLength(published)
    expect(sel.some((e) => e.event.type === "AdjustmentRecorded")).toBe(false)
  })
  it("published without a publication is a NotPublished error naming the stream", () => {
    const r = selectEvents(events.slice(0, published), AsOf.published)
    expect(Result.isFailure(r) && r.failure._tag === "NotPublished" && r.failure.streamId).toBe("002/2026")
  })
  it("position keeps events up to and including it", () => {
    expect(ok(selectEvents(events, AsOf.position(5))).map((e) => e.meta.position)).toEqual([1, 2, 3, 4, 5])
  })
  it("occurredAt bounds by business date, inclusive", () => {
    const sel = ok(selectEvents(events, AsOf.occurredAt("2026-05-20")))
    expect(sel.filter((e) => e.event.type === "AdjustmentRecorded")).toHaveLength(1)
  })
  it("recordedAt bounds by system time", () => {
    expect(ok(selectEvents(events, AsOf.recordedAt("2000-01-01T00:00:00Z")))).toHaveLength(0)
  })
  it("a malformed time is an InvalidAsOf error", () => {
    const r = selectEvents(events, AsOf.recordedAt("yesterday"))
    expect(Result.isFailure(r) && r.failure._tag).toBe("InvalidAsOf")
  })
})

describe("AsOf string form", () => {
  const decoded = (text: string) => ok(AsOf.decode(text))
  it("decodes every form and formats it back to the same text", () => {
    const forms: Array<[string, AsOf]> = [
      ["current", AsOf.current],
      ["published", AsOf.published],
      ["42", AsOf.position(42)],
      ["2026-02-06T10:00:00Z", AsOf.recordedAt("2026-02-06T10:00:00Z")],
      ["2026-02-06T10:00+08:00", AsOf.recordedAt("2026-02-06T10:00+08:00")],
      ["2026-02-06", AsOf.recordedAt("2026-02-06")],
      ["occurred:2026-02-06", AsOf.occurredAt("2026-02-06")],
      ["occurred:2026-02-06T10:00:00.5Z", AsOf.occurredAt("2026-02-06T10:00:00.5Z")],
    ]
    for (const [text, point] of forms) {
      expect(decoded(text)).toEqual(point)
      expect(AsOf.format(point)).toBe(text)
      expect(Schema.decodeUnknownSync(AsOfFromString)(text)).toEqual(point)
      expect(Schema.encodeSync(AsOfFromString)(point)).toBe(text)
    }
  })

  it("refuses impossible dates and times with an InvalidAsOf naming the field", () => {
    for (const text of [
      "2026-02-30",
      "2025-02-29",
      "2026-13-01",
      "0000-01-01",
      "2026-02-06T25:00:00Z",
      "2026-02-06T10:60Z",
      "yesterday",
      "now",
      "-1",
      "occurred:2026-04-31",
    ]) {
      const r = AsOf.decode(text, "query.asOf")
      expect(Result.isFailure(r) && r.failure._tag, text).toBe("InvalidAsOf")
      expect(Result.isFailure(r) && r.failure.field).toBe("query.asOf")
      expect(Schema.decodeUnknownResult(AsOfFromString)(text)._tag, text).toBe("Failure")
    }
    expect(Result.isSuccess(AsOf.decode("2024-02-29"))).toBe(true)
  })

  it("a bare date is the end of that day in Asia/Shanghai (UTC+8)", () => {
    const at = (recordedAt: string) => ({ ...first, meta: { ...first.meta, recordedAt } })
    const log = [at("2026-02-06T15:59:59.999Z"), at("2026-02-06T16:00:00.000Z")]
    expect(ok(selectEvents(log, decoded("2026-02-06")))).toHaveLength(1)
    expect(ok(selectEvents(log, decoded("2026-02-07")))).toHaveLength(2)
    expect(ok(selectEvents(log, decoded("2026-02-05")))).toHaveLength(0)
  })

  it("a bare business date of an event is that day in Shanghai, for any bound", () => {
    const on = (occurredAt: string) => ({ ...first, meta: { ...first.meta, occurredAt } })
    const log = [on("2026-02-06"), on("2026-02-07")]
    expect(ok(selectEvents(log, decoded("occurred:2026-02-06")))).toHaveLength(1)
    // 2026-02-06T16:00Z is midnight of the 7th in Shanghai: the 7th has begun.
    expect(ok(selectEvents(log, decoded("occurred:2026-02-06T16:00:00Z")))).toHaveLength(2)
    expect(ok(selectEvents(log, decoded("occurred:2026-02-06T15:59:59Z")))).toHaveLength(1)
  })

  it("refuses the years no event may carry (0000, 1899, 2200, 9999)", () => {
    for (const text of [
      "0000-01-01",
      "1899-12-31",
      "2200-01-01",
      "9999-12-31T00:00:00Z",
      "occurred:9999-12-31",
    ])
      expect(AsOf.decode(text)._tag, text).toBe("Failure")
  })

  it("every valid date formats and decodes back (property)", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1900-01-01T00:00:00Z"),
          max: new Date("2199-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        (d) => {
          const instant = d.toISOString()
          const day = instant.slice(0, 10)
          expect(decoded(instant)).toEqual(AsOf.recordedAt(instant))
          expect(decoded(`occurred:${day}`)).toEqual(AsOf.occurredAt(day))
        },
      ),
    )
  })
})
