/** Selecting events by as-of: current, published, position and time bounds. */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AsOf, selectEvents } from "./as-of.ts"
import { fixturePath, readNdjson } from "./testing/fixture.ts"
import { toLogged } from "./testing/logged.ts"

const events = toLogged(readNdjson(fixturePath))
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
