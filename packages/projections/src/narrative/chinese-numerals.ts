/**
 * Chinese numerals as the disclosure template numbers things: section ids ("一" … "十二"), list
 * items ("(十五)") and counts in running text ("三个"). Only the range a disclosure needs (0–999).
 *
 * @module chinese-numerals
 */

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const

const digit = (n: number): string => DIGITS[n] ?? ""

/**
 * 1 → "一", 10 → "十", 12 → "十二", 35 → "三十五", 101 → "一百零一"; 0 → "零".
 * @category formatting
 */
export const toChineseNumeral = (n: number): string => {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`no Chinese numeral for ${n}`)
  if (n < 10) return digit(n)
  if (n < 20) return "十" + (n % 10 === 0 ? "" : digit(n % 10))
  if (n < 100) return digit(Math.floor(n / 10)) + "十" + (n % 10 === 0 ? "" : digit(n % 10))
  const rest = n % 100
  const head = digit(Math.floor(n / 100)) + "百"
  if (rest === 0) return head
  return (
    head +
    (rest < 10 ? "零" + digit(rest) : rest < 20 ? "一" + toChineseNumeral(rest) : toChineseNumeral(rest))
  )
}
