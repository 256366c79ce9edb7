/**
 * The error of a text no parser can read.
 *
 * @module parse/unreadable
 */
import { Data } from "effect"

/** The text is not a disclosure this parser can read; `field` names what is missing. @category errors */
export class UnreadableDocument extends Data.TaggedError("UnreadableDocument")<{
  readonly field: string
  readonly message: string
}> {}
