/**
 * The COPY rows written as bytes are byte for byte the rows as they were built before, as strings
 * (the reference below): on streams of events whose texts hold backslashes, tabs, line ends,
 * Chinese and astral characters, with or without the clock placeholder, fresh and existing heads,
 * skipped events, and chunks that fill up; with the contents given as strings or as UTF-8 bytes.
 */
import { hash } from "node:crypto"
import { DATABASE_CLOCK_PLACEHOLDER } from "@ledger/eventstore"
import type { PreparedAppend, PreparedEvent } from "@ledger/eventstore"
import { describe, expect, it } from "vitest"
import { copyField, copyRows, type CopyBegun } from "./copy-rows.ts"

/** The rows as `copy-append.ts` built them before: one string per chunk. */
function* reference(p: PreparedAppend, begun: CopyBegun, skip: ReadonlySet<number>): Generator<string> {
  const recordedAt = begun.recordedAt ?? ""
  let chunk = ""
  let index = 0
  let ord = 0
  for (const [i, stream] of p.streams.entries()) {
    const head = begun.heads[i] ?? { version: 0, hash: "0".repeat(64), fresh: 0 }
    let prev = head.hash
    let version = head.version
    for (const e of stream.events) {
      index++
      if (skip.has(index)) continue
      version++
      const canonical = `{"event":${e.content.replace(DATABASE_CLOCK_PLACEHOLDER, recordedAt)},"prevHash":"${prev}","version":${version}}`
      const h = hash("sha256", canonical, "hex")
      chunk += `${++ord}\t${copyField(stream.streamId)}\t${version}\t${copyField(e.eventId)}\t${copyField(e.type)}\t${copyField(e.idempotencyKey)}\t${copyField(e.occurredKey)}\t${e.bodyHash}\t${copyField(e.content)}\t${prev}\t${h}\n`
      prev = h
      if (chunk.length > 262_144) {
        yield chunk
        chunk = ""
      }
    }
  }
  if (chunk !== "") yield chunk
}

/** A small deterministic generator (mulberry32). */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}

const pieces = ["a", "预算", "\\", "\\n", "\t", "\n", "\r", '"', "😀", "0", " ", "{}", "元"]

const sample = (seed: number, size: number): { p: PreparedAppend; begun: CopyBegun; skip: Set<number> } => {
  const r = random(seed)
  const text = (n: number) =>
    Array.from({ length: n }, () => pieces[Math.floor(r() * pieces.length)]).join("")
  const streams = Array.from({ length: 1 + Math.floor(r() * 4) }, (_, s) => ({
    streamId: r() < 0.2 ? `d\t${s}/2026` : `d${s}/2026`,
    expectedVersion: { _tag: "Any" } as const,
    duplicatesInRequest: 0,
    events: Array.from({ length: Math.floor(r() * size) }, (_, k): PreparedEvent => ({
      eventId: r() < 0.1 ? `id\\${k}` : `id-${k}`,
      type: "AppropriationRecorded",
      idempotencyKey: r() < 0.1 ? `键 ${k}\n` : `key-${k}`,
      occurredKey: "2026-01-01",
      bodyHash: hash("sha256", String(k), "hex"),
      content:
        r() < 0.9
          ? `{"data":"${text(Math.floor(r() * 400))}","recordedAt":"${DATABASE_CLOCK_PLACEHOLDER}","x":"${text(5)}"}`
          : `{"data":"${text(30)}"}`,
    })),
  }))
  const total = streams.reduce((n, s) => n + s.events.length, 0)
  const skip = new Set(Array.from({ length: total }, (_, k) => k + 1).filter(() => r() < 0.1))
  return {
    p: { idempotencyKey: "k", requestHash: "", recordedAt: DATABASE_CLOCK_PLACEHOLDER, streams },
    begun: {
      recordedAt: r() < 0.9 ? "2026-11-30T08:00:00.123456Z" : null,
      heads: streams.map((_, s) =>
        r() < 0.5
          ? { version: 0, hash: "0".repeat(64), fresh: 1 }
          : { version: 7 + s, hash: hash("sha256", `h${s}`, "hex"), fresh: 1 },
      ),
    },
    skip,
  }
}

describe("the COPY rows as bytes", () => {
  it("are the rows built as strings, byte for byte", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { p, begun, skip } = sample(seed, seed % 20 === 0 ? 2_000 : 30)
      const text = Buffer.from([...reference(p, begun, skip)].join(""))
      expect(Buffer.concat([...copyRows(p.streams, begun, skip)]).equals(text), `seed ${seed}`).toBe(true)
      // Some contents (every other event) as their UTF-8 bytes, as the import hands them over.
      const asBytes = p.streams.map((s) => ({
        streamId: s.streamId,
        events: s.events.map((e, k) => (k % 2 === 0 ? { ...e, content: Buffer.from(e.content) } : e)),
      }))
      expect(Buffer.concat([...copyRows(asBytes, begun, skip)]).equals(text), `seed ${seed}, bytes`).toBe(
        true,
      )
    }
  })

  it("come in chunks of about 256 KiB", () => {
    const { p, begun, skip } = sample(20, 2_000)
    const chunks = [...copyRows(p.streams, begun, skip)]
    expect(chunks.length).toBeGreaterThan(1)
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeLessThanOrEqual(262_144)
  })
})
