/**
 * A/B of the decode of posted events, one child process per variant, turns alternating (old, new,
 * new with text, old, …) so that the shared machine's load falls on each alike: `old` is
 * `Envelope.decodeEvent` with the schemas interpreted (the API before), `new` the fast
 * `decodeWireEvent` of a parsed value (the API, a dry run), `text` the same with the line's text
 * (the import). Each turn decodes 100-event batches — the reference fixtures' events in order, and
 * the API bench's appropriations — and reports its CPU (process.cpuUsage) and wall time an event.
 *
 * Usage: `npx tsx bench/decode-ab.ts [rounds=15] [batchesPerTurn=40]`
 */
import { fork } from "node:child_process"
import { readFileSync } from "node:fs"
import { Envelope } from "@ledger/domain"

const root = new URL("../fixtures/", import.meta.url)
const VARIANTS = ["old", "new", "text"] as const
type Variant = (typeof VARIANTS)[number]

/** 100-event batches: the fixtures' lines cycled, then the API bench's appropriations. */
const batches = (): Array<Array<string>> => {
  const lines = [
    "tunliu-government-office/events.ndjson",
    "tunliu-government-office/events-2025.ndjson",
    "shanghai-putuo-chengguan/events.ndjson",
  ].flatMap((f) =>
    readFileSync(new URL(f, root), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== ""),
  )
  const mixed = Array.from({ length: 2 }, (_, b) =>
    Array.from({ length: 100 }, (_, i) => lines[(b * 100 + i) % lines.length] as string),
  )
  const template = JSON.parse(
    lines.find((l) => l.includes('"AppropriationRecorded"') && l.includes('"project"')) as string,
  ) as Record<string, unknown> & { data: { line: Record<string, unknown> } }
  const { eventId: _id, ...rest } = template
  const api = Array.from({ length: 100 }, (_, i) =>
    JSON.stringify({
      ...rest,
      idempotencyKey: `bench/1/${i}`,
      data: { ...template.data, line: { ...template.data.line, lineId: `bench-1-${i}`, amount: "100.00" } },
    }),
  )
  return [...mixed, api]
}

const child = (variant: Variant): void => {
  const sets = batches().map((b) => b.map((t) => ({ text: t, value: JSON.parse(t) as unknown })))
  const decode =
    variant === "old"
      ? (e: { value: unknown }) => Envelope.decodeEvent(e.value)
      : variant === "new"
        ? (e: { value: unknown }) => Envelope.decodeWireEvent(e.value)
        : (e: { value: unknown; text: string }) => Envelope.decodeWireEvent(e.value, e.text)
  for (const s of sets) for (const e of s) if (decode(e)._tag !== "Success") throw new Error("bad fixture")
  process.on("message", (m: { set: number; n: number }) => {
    const s = sets[m.set] as Array<{ value: unknown; text: string }>
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    for (let k = 0; k < m.n; k++) for (const e of s) decode(e)
    const wall = performance.now() - t0
    const c = process.cpuUsage(c0)
    process.send?.({ cpu: (c.user + c.system) / (m.n * s.length), wall: (wall * 1000) / (m.n * s.length) })
  })
  process.send?.("ready")
}

const main = async (): Promise<void> => {
  const rounds = Number(process.argv[2] ?? 15)
  const n = Number(process.argv[3] ?? 40)
  const kids = VARIANTS.map((v) =>
    fork(new URL(import.meta.url), ["--child", v], { execArgv: ["--import", "tsx"] }),
  )
  await Promise.all(kids.map((k) => new Promise((r) => k.once("message", r))))
  const ask = (k: (typeof kids)[number], set: number) =>
    new Promise<{ cpu: number; wall: number }>((r) => {
      k.once("message", r)
      k.send({ set, n })
    })
  const names = ["fixtures (a)", "fixtures (b)", "API bench appropriations"]
  for (let set = 0; set < names.length; set++) {
    const got = VARIANTS.map(() => [] as Array<{ cpu: number; wall: number }>)
    for (let r = 0; r < rounds; r++)
      for (let v = 0; v < kids.length; v++) got[v]?.push(await ask(kids[v] as never, set))
    const med = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
    console.log(`${names[set]} — µs an event, median of ${rounds} turns (cpu / wall)`)
    VARIANTS.forEach((v, i) => {
      const g = got[i] ?? []
      console.log(
        `  ${v.padEnd(5)} ${med(g.map((x) => x.cpu)).toFixed(2)} / ${med(g.map((x) => x.wall)).toFixed(2)}`,
      )
    })
  }
  for (const k of kids) k.kill()
}

if (process.argv[2] === "--child") child(process.argv[3] as Variant)
else await main()
