/**
 * Deterministic ZIP archives (CSV bundles, XLSX packages): entries in the given order, one fixed
 * timestamp, fixed compression level, so the same files always give the same bytes.
 *
 * @module zip
 */
import { zipSync, type Zippable } from "fflate"

// DOS timestamps are written from local-time fields; a Date built from local fields encodes to the
// same bytes in every time zone. 1980-01-01 is the earliest a ZIP can state.
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0)

/** One archive entry. @category models */
export interface ZipEntry {
  readonly name: string
  readonly data: Uint8Array
}

/** Zips the entries in order with a fixed timestamp. @category rendering */
export const zip = (entries: ReadonlyArray<ZipEntry>): Uint8Array => {
  const files: Zippable = {}
  for (const e of entries) files[e.name] = [e.data, { mtime: FIXED_TIME, level: 6 }]
  return zipSync(files)
}

const encoder = new TextEncoder()
/** UTF-8 bytes of a string. @category rendering */
export const utf8 = (s: string): Uint8Array => encoder.encode(s)
