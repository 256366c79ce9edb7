/**
 * Chinese numerals as the template writes them (一 … 三十, 三个, 3家): the narrative states counts in
 * either form, and section and class ordinals are Chinese.
 *
 * @module numerals
 */
import { toChineseNumeral } from "@ledger/projections"

const DIGITS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}

/** "三" → 3, "十二" → 12, "二十五" → 25, "12" → 12; undefined for anything else. @category parsing */
export const parseCount = (s: string): number | undefined => {
  if (/^\d+$/.test(s)) return Number(s)
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s)
  if (m === null || s === "") return undefined
  const [, a, ten, b] = m
  if (ten === undefined) return a !== undefined && b === undefined ? DIGITS[a] : undefined
  return (a === undefined ? 1 : (DIGITS[a] ?? 0)) * 10 + (b === undefined ? 0 : (DIGITS[b] ?? 0))
}

/** 1 → "一", 12 → "十二", 30 → "三十" (section and class ordinals): the projections' own numerals. @category formatting */
const ordinal = (n: number): string => toChineseNumeral(n)

/** The section ids of the 情况说明, in order. @category models */
export const SECTION_IDS: ReadonlyArray<string> = Array.from({ length: 12 }, (_, i) => ordinal(i + 1))
