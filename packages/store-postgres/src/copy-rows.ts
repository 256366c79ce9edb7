/**
 * The COPY path's rows (`copy-append.ts`) as UTF-8 bytes: each row's fields written straight into
 * a buffer of about 256 KiB, and each row's chain hash taken over a reused scratch buffer. The rows
 * were built as one string per chunk (`chunk += row`), which V8 keeps as a rope of every row until
 * the COPY stream flattened and encoded it (`Buffer.from`), and every hash encoded its canonical
 * text afresh: three copies of every event's text, all garbage, for ≈ a quarter of what the
 * import allocated. The bytes are the same (a test holds them to the string form).
 *
 * @module
 */
import { hash as oneShotHash } from "node:crypto"
import { DATABASE_CLOCK_PLACEHOLDER } from "@ledger/eventstore"
import type { PreparedEvent } from "@ledger/eventstore"

/**
 * An event as the COPY path writes it: a prepared event whose canonical content may be given as its
 * UTF-8 bytes. The import does so: a batch waits in memory while the one before it is written, and
 * as strings its contents were most of what V8's young-generation collections copied, twice, before
 * they were promoted; bytes are off the heap and are copied into the COPY buffer as they are.
 */
export interface CopyEvent extends Omit<PreparedEvent, "content"> {
  readonly content: string | Buffer
}

/** The events of one stream, in order. */
export interface CopyStream {
  readonly streamId: string
  readonly events: ReadonlyArray<CopyEvent>
}

/** What `ledger_copy_begin` answered that the rows need. */
export interface CopyBegun {
  readonly recordedAt: string | null
  readonly heads: ReadonlyArray<{ readonly version: number; readonly hash: string; readonly fresh: number }>
}

/** A field in COPY's text format: backslash, tab, newline and carriage return escaped. */
export const copyField = (text: string): string =>
  // Four searches for one character each: ≈ 4× faster than one character-class test on an event's text.
  text.indexOf("\\") < 0 && text.indexOf("\t") < 0 && text.indexOf("\n") < 0 && text.indexOf("\r") < 0
    ? text
    : text.replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n").replaceAll("\r", "\\r")

/** Bytes per COPY chunk (a row longer than that gets a chunk of its own size). */
const CHUNK_BYTES = 262_144

/** True when UTF-8 `bytes` hold a character COPY's text format escapes (backslash, tab, newline, CR). */
const needsEscape = (bytes: Buffer): boolean =>
  bytes.indexOf(0x5c) >= 0 || bytes.indexOf(0x09) >= 0 || bytes.indexOf(0x0a) >= 0 || bytes.indexOf(0x0d) >= 0

/** Room for `text` in UTF-8: at most 3 bytes per UTF-16 code unit. */
const room = (text: string): number => text.length * 3

/**
 * The staged rows as COPY text in UTF-8 chunks, with the chain hashed from each stream's head
 * (`begun.heads`, in `p.streams` order) and the events whose 1-based index is in `skip` left out.
 * @category encoding
 */
export function* copyRows(
  streams: ReadonlyArray<CopyStream>,
  begun: CopyBegun,
  skip: ReadonlySet<number>,
): Generator<Buffer> {
  const recordedAt = begun.recordedAt ?? ""
  let out = Buffer.allocUnsafeSlow(CHUNK_BYTES)
  let at = 0
  let scratch = Buffer.allocUnsafeSlow(16_384)
  let index = 0
  let ord = 0
  for (const [i, stream] of streams.entries()) {
    const head = begun.heads[i] ?? { version: 0, hash: "0".repeat(64), fresh: 0 }
    const streamField = copyField(stream.streamId)
    let prev = head.hash
    let version = head.version
    for (const e of stream.events) {
      index++
      if (skip.has(index)) continue
      version++
      const lead = `${++ord}\t${streamField}\t${version}\t${copyField(e.eventId)}\t${copyField(e.type)}\t${copyField(e.idempotencyKey)}\t${copyField(e.occurredKey)}\t${e.bodyHash}\t`
      // Bytes are written as they are unless COPY must escape them (rare: a backslash in the text).
      const given = e.content
      const content = typeof given === "string" || !needsEscape(given) ? given : given.toString()
      const body = typeof content === "string" ? copyField(content) : content
      const rowRoom =
        room(lead) + (typeof body === "string" ? room(body) : body.length) + prev.length + 64 + 3
      if (at + rowRoom > out.length) {
        if (at > 0) yield out.subarray(0, at)
        out = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, rowRoom))
        at = 0
      }
      at += out.write(lead, at)
      const from = at
      at += typeof body === "string" ? out.write(body, at) : body.copy(out, at)
      // The chain hash covers `{"event":<content, the instant in place of the placeholder>,"prevHash":…,"version":…}`:
      // the content's bytes just written are copied when COPY did not escape them, else encoded again.
      const tail = `,"prevHash":"${prev}","version":${version}}`
      const need =
        9 +
        (typeof body === "string" && body !== content ? room(body) : at - from) +
        room(recordedAt) +
        tail.length
      if (scratch.length < need) scratch = Buffer.allocUnsafeSlow(need * 2)
      let n = scratch.write('{"event":', 0, "latin1")
      if (body === content) {
        // The placeholder is one byte (U+0001), which no other character's UTF-8 contains.
        const placeholder = out.subarray(from, at).indexOf(1)
        const split = placeholder < 0 ? at : from + placeholder
        n += out.copy(scratch, n, from, split)
        if (split < at) {
          n += scratch.write(recordedAt, n)
          n += out.copy(scratch, n, split + 1, at)
        }
      } else if (typeof content === "string") {
        const placeholder = content.indexOf(DATABASE_CLOCK_PLACEHOLDER)
        n += scratch.write(placeholder < 0 ? content : content.slice(0, placeholder), n)
        if (placeholder >= 0) {
          n += scratch.write(recordedAt, n)
          n += scratch.write(content.slice(placeholder + 1), n)
        }
      }
      n += scratch.write(tail, n, "latin1")
      const hash = oneShotHash("sha256", scratch.subarray(0, n), "hex")
      at += out.write(`\t${prev}\t${hash}\n`, at, "latin1")
      prev = hash
    }
  }
  if (at > 0) yield out.subarray(0, at)
}
