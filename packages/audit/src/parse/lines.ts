/**
 * Line-level clean-up of text extracted from a disclosure PDF: page furniture (watermarks, repeated
 * stamps) is dropped, tabs separate cells, and the table of contents is told apart from the body.
 *
 * @module lines
 */

/** Cells of a tab-separated line, trimmed. @category parsing */
export const cellsOf = (line: string): string[] => line.split("\t").map((c) => c.trim())

/** Non-empty cells of a line. @category parsing */
export const tokensOf = (line: string): string[] => cellsOf(line).filter((c) => c !== "")

/**
 * Lines of the document without page furniture: a short tab-less line repeated four times or more
 * (a watermark such as "仅供内部审核") is not content; notes ("注：本表无数据") are, however often they recur.
 * @category parsing
 */
export const contentLines = (text: string): string[] => {
  const lines = text.replace(/\r\n?/g, "\n").split("\n")
  const counts = new Map<string, number>()
  for (const l of lines) {
    const t = l.trim()
    if (t !== "" && !l.includes("\t") && t.length <= 12 && !/^注[：:]/.test(t))
      counts.set(t, (counts.get(t) ?? 0) + 1)
  }
  return lines.filter((l) => (counts.get(l.trim()) ?? 0) < 4)
}

/** True for a table-of-contents entry ("表一2026年预算收支总表.....4", "第三部分 …\t19"). @category parsing */
export const isTocLine = (line: string): boolean => /\.{3,}|…{2,}/.test(line) || /\t\s*\d+\s*$/.test(line)
