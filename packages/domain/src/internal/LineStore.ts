/**
 * Where a running fold keeps the two collections of a `BudgetState` that grow with its stream —
 * the lines (with their contributions) and the adjustment ids — in one of two ways:
 *
 * - **native**: copy-on-write Map/Set, copied the first time a fold writes them and mutated in
 *   place afterwards. The cheapest way to fold a stream from the start (replay, projections).
 * - **persistent**: the native collections of the state a chain of folds started from, shared and
 *   never written, under tries (`internal/OrderedTrie`) of what those folds changed or added, and
 *   contributions as a chain; so an event applied to a cached state costs O(log m), m the events
 *   since that start, instead of a copy of every adjustment id and contribution (issue 14).
 *
 * A fold starts native from a small state and persistent from a large one or from a state that is
 * already persistent; both give states that read, copy and compare exactly alike.
 *
 * @module internal/LineStore
 */
import type { BudgetState, Contribution, LineState } from "../BudgetState.ts"
import * as Money from "../Money.ts"
import * as Trie from "./OrderedTrie.ts"

/** What the fold and `decide` read of a line: all but its contributions. */
export type LineFields = Pick<LineState, "line" | "vintage" | "originYear" | "sourceLineId" | "amount">

/** The lines and adjustment ids of a running fold. */
export interface LineStore {
  get(lineId: string): LineFields | undefined
  has(lineId: string): boolean
  /** Adds a line the store does not hold, with its first contribution. */
  add(fields: LineFields, first: Contribution): void
  /** Adds `delta` to a line the store holds and records the contribution. */
  change(lineId: string, delta: Money.Money, c: Contribution): void
  adjust(adjustmentId: string): void
  /**
   * A state of `fields` and these collections. Frozen: nothing written afterwards changes it (the
   * next write copies). Not frozen: a view valid until the next write, which may change it.
   */
  publish(fields: Fields, frozen: boolean): BudgetState
}

/** Every field of a state but the two kept here. */
type Fields = Omit<BudgetState, "lines" | "adjustments">

type MutableLine = { -readonly [K in keyof LineState]: LineState[K] } & { contributions: Array<Contribution> }

/** A state with these two collections as they are, in the order of `BudgetState`'s fields. */
const plainState = (
  f: Fields,
  lines: ReadonlyMap<string, LineState>,
  adjustments: ReadonlySet<string>,
): BudgetState => ({
  version: f.version,
  profile: f.profile,
  units: f.units,
  projects: f.projects,
  lines,
  performanceTargets: f.performanceTargets,
  unitOverallTargets: f.unitOverallTargets,
  priorYear: f.priorYear,
  notes: f.notes,
  assets: f.assets,
  facts: f.facts,
  adjustments,
  publications: f.publications,
  closing: f.closing,
  carriedIn: f.carriedIn,
})

/**
 * Copy-on-write Map/Set: a map, the set or a line is copied the first time this store writes it
 * and mutated in place afterwards, so a fold is linear in its events. `publish` hands the current
 * collections out and gives up ownership: the next write copies first.
 */
class NativeStore implements LineStore {
  private lines: ReadonlyMap<string, LineState>
  private adjustments: ReadonlySet<string>
  private ownsLines = false
  private ownsAdjustments = false
  private readonly ownedLines = new Set<string>()

  constructor(lines: ReadonlyMap<string, LineState>, adjustments: ReadonlySet<string>) {
    this.lines = lines
    this.adjustments = adjustments
  }

  get(lineId: string): LineFields | undefined {
    return this.lines.get(lineId)
  }
  has(lineId: string): boolean {
    return this.lines.has(lineId)
  }

  private writable(): Map<string, LineState> {
    if (!this.ownsLines) {
      this.lines = new Map(this.lines)
      this.ownsLines = true
    }
    return this.lines as Map<string, LineState>
  }

  add(fields: LineFields, first: Contribution): void {
    const { line, vintage, originYear, sourceLineId, amount } = fields
    const fresh: MutableLine = {
      line,
      vintage,
      originYear,
      ...(sourceLineId === undefined ? {} : { sourceLineId }),
      amount,
      contributions: [first],
    }
    this.writable().set(line.lineId, fresh)
    this.ownedLines.add(line.lineId)
  }

  change(lineId: string, delta: Money.Money, c: Contribution): void {
    const current = this.lines.get(lineId)
    if (current === undefined) return
    const amount = Money.add(current.amount, delta)
    if (this.ownedLines.has(lineId)) {
      const mine = current as MutableLine
      mine.amount = amount
      mine.line = { ...mine.line, amount }
      mine.contributions.push(c)
      return
    }
    const copy: MutableLine = {
      ...current,
      amount,
      line: { ...current.line, amount },
      contributions: [...current.contributions, c],
    }
    this.writable().set(lineId, copy)
    this.ownedLines.add(lineId)
  }

  adjust(adjustmentId: string): void {
    if (!this.ownsAdjustments) {
      this.adjustments = new Set(this.adjustments)
      this.ownsAdjustments = true
    }
    ;(this.adjustments as Set<string>).add(adjustmentId)
  }

  publish(f: Fields, frozen: boolean): BudgetState {
    if (frozen) {
      this.ownsLines = false
      this.ownsAdjustments = false
      this.ownedLines.clear()
    }
    return plainState(f, this.lines, this.adjustments)
  }
}

/** A line's contributions: an array plus, newest first, the ones added since. */
type Chain = ReadonlyArray<Contribution> | Link
interface Link {
  readonly head: Contribution
  readonly tail: Chain
  readonly length: number
}
const isLink = (c: Chain): c is Link => "head" in c

/** The chain as one array, oldest first. */
const contributionArray = (c: Chain): ReadonlyArray<Contribution> => {
  if (!isLink(c)) return c
  const out = new Array<Contribution>(c.length)
  let at: Chain = c
  let i = c.length - 1 // the links fill out[i] downwards; the array they end in, the start
  for (; isLink(at); at = at.tail) out[i--] = at.head
  at.forEach((x, j) => (out[j] = x))
  return out
}

/** A line in the trie: its fields, its contributions as a chain, and the object handed out for it once made. */
interface Entry extends LineFields {
  readonly chain: Chain
  view?: LineState
}

/**
 * The line as handed out, made on first read and kept: a plain object whose `contributions` array
 * is built from the chain on first read and kept (an own enumerable getter, so the object reads,
 * copies and compares like data).
 */
const lineView = (e: Entry): LineState => {
  if (e.view !== undefined) return e.view
  const { line, vintage, originYear, sourceLineId, amount, chain } = e
  let array: ReadonlyArray<Contribution> | undefined
  e.view =
    sourceLineId === undefined
      ? {
          line,
          vintage,
          originYear,
          amount,
          get contributions() {
            return (array ??= contributionArray(chain))
          },
        }
      : {
          line,
          vintage,
          originYear,
          sourceLineId,
          amount,
          get contributions() {
            return (array ??= contributionArray(chain))
          },
        }
  return e.view
}

/**
 * A persistent state's two collections: the native ones of the state its chain of folds started
 * from (shared, never written) and, over them, tries of what those folds changed or added. Starting
 * such a chain costs nothing, however long the stream; each event costs O(log m), m the events
 * since.
 */
interface Core {
  readonly baseLines: ReadonlyMap<string, LineState>
  readonly lines: Trie.Trie<Entry>
  readonly baseAdjustments: ReadonlySet<string>
  readonly adjustments: Trie.Trie<true>
}

/** The core of every persistent state (its `lines` and `adjustments` are views of it). */
const cores = new WeakMap<BudgetState, Core>()

/** The line as it stands in the core: changed or added in a trie, or as it was in the base. */
const lineIn = (core: Core, lineId: string): LineState | undefined => {
  const e = Trie.get(core.lines, lineId)
  return e === undefined ? core.baseLines.get(lineId) : lineView(e)
}

/** The lines in order: the base's (changed ones in their place), then the added ones. */
const linesOf = (core: Core): Map<string, LineState> => {
  const m = new Map(core.baseLines)
  for (const [id, e] of Trie.toMap(core.lines, lineView)) m.set(id, e)
  return m
}

const adjustmentsOf = (core: Core): Set<string> => {
  const s = new Set(core.baseAdjustments)
  for (const id of Trie.toSet(core.adjustments)) s.add(id)
  return s
}

/**
 * A running fold's state as a live view: every field a getter over the fold's draft and core, so
 * one object serves every `peek` (valid until the next write, as the contract says) instead of a
 * state, closures and a registration per event. `lines`/`adjustments` are rebuilt when read after
 * a write (`epoch`); `decide` reads neither (it uses `lineOf`/`hasAdjustment`).
 */
const liveState = (f: Fields, core: Core, epoch: () => number): BudgetState => {
  let lines: ReadonlyMap<string, LineState> = new Map()
  let linesAt = -1
  let adjustments: ReadonlySet<string> = new Set()
  let adjustmentsAt = -1
  const s: BudgetState = {
    get version() {
      return f.version
    },
    get profile() {
      return f.profile
    },
    get units() {
      return f.units
    },
    get projects() {
      return f.projects
    },
    get lines() {
      if (linesAt !== epoch()) [lines, linesAt] = [linesOf(core), epoch()]
      return lines
    },
    get performanceTargets() {
      return f.performanceTargets
    },
    get unitOverallTargets() {
      return f.unitOverallTargets
    },
    get priorYear() {
      return f.priorYear
    },
    get notes() {
      return f.notes
    },
    get assets() {
      return f.assets
    },
    get facts() {
      return f.facts
    },
    get adjustments() {
      if (adjustmentsAt !== epoch()) [adjustments, adjustmentsAt] = [adjustmentsOf(core), epoch()]
      return adjustments
    },
    get publications() {
      return f.publications
    },
    get closing() {
      return f.closing
    },
    get carriedIn() {
      return f.carriedIn
    },
  }
  cores.set(s, core)
  return s
}

/**
 * Tries over the base, written under this store's edit token (in place while it owns the nodes,
 * path copies otherwise); `publish` with `frozen` drops the token, so what it handed out is never
 * written again.
 */
class TrieStore implements LineStore {
  /** The core as it stands; written in place, so only the live view may hold it. */
  private readonly core: { -readonly [K in keyof Core]: Core[K] }
  private owner = Trie.edit()
  private epoch = 0
  private live: BudgetState | undefined

  constructor(core: Core) {
    this.core = { ...core }
  }

  get(lineId: string): LineFields | undefined {
    return Trie.get(this.core.lines, lineId) ?? this.core.baseLines.get(lineId)
  }
  has(lineId: string): boolean {
    return Trie.has(this.core.lines, lineId) || this.core.baseLines.has(lineId)
  }

  private setLine(lineId: string, e: Entry): void {
    this.core.lines = Trie.set(this.core.lines, lineId, e, this.owner)
    this.epoch++
  }

  add(fields: LineFields, first: Contribution): void {
    this.setLine(fields.line.lineId, { ...fields, chain: [first] })
  }

  change(lineId: string, delta: Money.Money, c: Contribution): void {
    const entry = Trie.get(this.core.lines, lineId)
    const base = entry === undefined ? this.core.baseLines.get(lineId) : undefined
    const was = entry ?? base
    if (was === undefined) return
    const chain = entry?.chain ?? base?.contributions ?? []
    const amount = Money.add(was.amount, delta)
    this.setLine(lineId, {
      line: { ...was.line, amount },
      vintage: was.vintage,
      originYear: was.originYear,
      sourceLineId: was.sourceLineId,
      amount,
      chain: { head: c, tail: chain, length: chain.length + 1 },
    })
  }

  adjust(adjustmentId: string): void {
    this.core.adjustments = Trie.set(this.core.adjustments, adjustmentId, true, this.owner)
    this.epoch++
  }

  publish(f: Fields, frozen: boolean): BudgetState {
    if (!frozen) return (this.live ??= liveState(f, this.core, () => this.epoch))
    this.owner = Trie.edit()
    const core: Core = { ...this.core }
    let lines: ReadonlyMap<string, LineState> | undefined
    let adjustments: ReadonlySet<string> | undefined
    const s: BudgetState = {
      version: f.version,
      profile: f.profile,
      units: f.units,
      projects: f.projects,
      get lines() {
        return (lines ??= linesOf(core))
      },
      performanceTargets: f.performanceTargets,
      unitOverallTargets: f.unitOverallTargets,
      priorYear: f.priorYear,
      notes: f.notes,
      assets: f.assets,
      facts: f.facts,
      get adjustments() {
        return (adjustments ??= adjustmentsOf(core))
      },
      publications: f.publications,
      closing: f.closing,
      carriedIn: f.carriedIn,
    }
    cores.set(s, core)
    return s
  }
}

/**
 * Below this many lines and adjustment ids a fold copies the native collections it writes: a copy
 * that small costs less than the tries' constant factor over a whole fold.
 */
const NATIVE_UP_TO = 256

/** The store a fold from `s` writes to. */
export const storeFor = (s: BudgetState): LineStore => {
  const core = cores.get(s)
  if (core !== undefined) return new TrieStore(core)
  if (s.lines.size + s.adjustments.size <= NATIVE_UP_TO) return new NativeStore(s.lines, s.adjustments)
  return new TrieStore({
    baseLines: s.lines,
    lines: Trie.empty,
    baseAdjustments: s.adjustments,
    adjustments: Trie.empty,
  })
}

/** `state.lines.get(lineId)`, without building a persistent state's `lines` map. */
export const lineOf = (state: BudgetState, lineId: string): LineState | undefined => {
  const core = cores.get(state)
  return core === undefined ? state.lines.get(lineId) : lineIn(core, lineId)
}

/**
 * A line's fields without its contributions (what `decide` reads): like {@link lineOf}, without
 * making the line's object for a line a persistent fold changed.
 */
export const lineFields = (state: BudgetState, lineId: string): LineFields | undefined => {
  const core = cores.get(state)
  if (core === undefined) return state.lines.get(lineId)
  return Trie.get(core.lines, lineId) ?? core.baseLines.get(lineId)
}

/** `state.adjustments.has(adjustmentId)`, without building a persistent state's set. */
export const hasAdjustment = (state: BudgetState, adjustmentId: string): boolean => {
  const core = cores.get(state)
  return core === undefined
    ? state.adjustments.has(adjustmentId)
    : Trie.has(core.adjustments, adjustmentId) || core.baseAdjustments.has(adjustmentId)
}
