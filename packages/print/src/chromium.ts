/**
 * Prints a disclosure to PDF: its HTML (`@ledger/render`, already A4 with repeated table header
 * rows) is loaded into headless Chromium, printed with page numbers in the footer and the CJK fonts
 * the page uses embedded, and the PDF's metadata names the source document's hash. The only I/O of
 * the package: a browser process per print, closed afterwards.
 *
 * @module chromium
 */
import type { Disclosure } from "@ledger/projections"
import { renderHtml } from "@ledger/render"
import { Data, Effect } from "effect"
import { chromium } from "playwright-core"
import { withPdfInfo } from "./pdf-info.ts"

/** Debian's Chromium, which the browser tests use too. @category constants */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium"

/** The browser could not be started or could not print. @category errors */
export class PrintFailed extends Data.TaggedError("PrintFailed")<{ readonly reason: string }> {
  override get message(): string {
    return `printing the PDF failed: ${this.reason}`
  }
}

/** Where the browser is. @category models */
export interface PrintOptions {
  readonly executablePath?: string | undefined
}

const FOOTER =
  "<div style=\"width:100%;font-size:9px;text-align:center;font-family:'Noto Sans CJK SC',sans-serif;\">" +
  '第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>'

const ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
]

/**
 * Prints HTML to an A4 PDF with page numbers (`第 n 页 / 共 m 页`) and then writes `info` into its
 * metadata.
 * @category printing
 */
export const printHtml = (
  html: string,
  info: Readonly<Record<string, string>>,
  options: PrintOptions = {},
): Effect.Effect<Uint8Array, PrintFailed> =>
  Effect.gen(function* () {
    const bytes = yield* Effect.tryPromise({
      try: async () => {
        const browser = await chromium.launch({
          executablePath: options.executablePath ?? DEFAULT_CHROMIUM,
          args: ARGS,
        })
        try {
          const page = await browser.newPage({ locale: "zh-CN" })
          await page.setContent(html, { waitUntil: "load" })
          return await page.pdf({
            format: "A4",
            printBackground: true,
            displayHeaderFooter: true,
            headerTemplate: "<span></span>",
            footerTemplate: FOOTER,
            margin: { top: "18mm", bottom: "20mm", left: "15mm", right: "15mm" },
          })
        } finally {
          await browser.close()
        }
      },
      catch: (e) =>
        new PrintFailed({ reason: e instanceof Error ? (e.message.split("\n")[0] ?? e.name) : String(e) }),
    })
    const stamped = withPdfInfo(new Uint8Array(bytes), info)
    if (stamped instanceof Uint8Array) return stamped
    return yield* Effect.fail(new PrintFailed({ reason: stamped.message }))
  })

/**
 * The PDF of a disclosure: its HTML printed, titled with the department and year, the
 * `documentHash` in `Subject`, `Keywords` and a `DocumentHash` entry of the metadata.
 * @category printing
 */
export const printDisclosure = (
  d: Disclosure,
  options: PrintOptions = {},
): Effect.Effect<Uint8Array, PrintFailed> =>
  printHtml(
    renderHtml(d),
    {
      Title: `${d.department.name} ${d.fiscalYear}年度部门预算公开`,
      Subject: `budget-disclosure/v1 documentHash ${d.documentHash}`,
      Keywords: `documentHash:${d.documentHash}`,
      DocumentHash: d.documentHash,
      Creator: "budget-ledger",
    },
    options,
  )
