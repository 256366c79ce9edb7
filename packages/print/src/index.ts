/**
 * @ledger/print — a disclosure as a PDF, printed from its HTML by headless Chromium (A4, page
 * numbers, header rows repeated across page breaks, CJK fonts embedded), with the source
 * document's hash in the PDF metadata. An adapter: it starts a browser process.
 *
 * @module
 */
export { DEFAULT_CHROMIUM, PrintFailed, printDisclosure, printHtml, type PrintOptions } from "./chromium.ts"
export { NotAnUpdatablePdf, withPdfInfo } from "./pdf-info.ts"
