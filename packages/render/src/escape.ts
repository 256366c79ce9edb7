/**
 * Escaping for text placed in HTML and XML (both renderers put event text into markup, and event
 * text is whatever a finance system sent).
 *
 * @module escape
 */

/** Escapes `& < > " '` for element content and attribute values. @category rendering */
export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  )

/** Escapes XML text and drops the control characters XML 1.0 cannot carry. @category rendering */
export const escapeXml = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  escapeHtml(s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ""))
