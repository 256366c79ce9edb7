/**
 * The one "too busy" error: a replay slot could not be had (queue full, wait deadline passed) or a
 * replay ran past its run deadline on a worker. Whether raised by the admission gate or by a
 * handler, it is answered `503 overloaded` with `Retry-After`.
 */

/** The server is too busy for this request now. @category errors */
export class Overloaded extends Error {
  override readonly name = "Overloaded"
  /** Seconds the client is told to wait (`Retry-After`). */
  readonly retryAfterSec: number
  constructor(message: string, retryAfterSec = 1) {
    super(message)
    this.retryAfterSec = retryAfterSec
  }
}
