/**
 * A persistent map from strings to values that remembers insertion order: a hash array mapped trie
 * (32-way, bitmap-compressed) whose leaves carry their insertion slot. `BudgetState` keeps the
 * collections that grow with a stream (lines, adjustment ids) in it so that an event applied to a
 * cached state costs O(log₃₂ n) — it copies the path to one leaf, never the whole collection —
 * while the state handed out stays immutable.
 *
 * Writes take an optional `Edit` token (Clojure's transients): nodes created under the same token
 * are changed in place, so a fold that owns its token builds the trie at the cost of a mutable map.
 * A token must be dropped before the trie it built is shared; nodes of another token, or of none,
 * are always copied. Keys are only ever added or overwritten (the fold never removes one), so the
 * slots are exactly 0…size−1 and the insertion order is recovered in one pass.
 *
 * @module internal/OrderedTrie
 */

/** Owner of nodes that may be changed in place. @category models */
export type Edit = { readonly _edit: true }

/** A fresh owner token. @category constructors */
export const edit = (): Edit => ({ _edit: true })

class Leaf<V> {
  readonly hash: number
  readonly key: string
  readonly value: V
  readonly slot: number
  constructor(hash: number, key: string, value: V, slot: number) {
    this.hash = hash
    this.key = key
    this.value = value
    this.slot = slot
  }
}

class Branch<V> {
  bitmap: number
  children: Array<Node<V>>
  readonly owner: Edit | undefined
  constructor(bitmap: number, children: Array<Node<V>>, owner: Edit | undefined) {
    this.bitmap = bitmap
    this.children = children
    this.owner = owner
  }
}

/** Leaves whose 32-bit hashes are equal. */
class Collision<V> {
  readonly hash: number
  readonly leaves: Array<Leaf<V>>
  readonly owner: Edit | undefined
  constructor(hash: number, leaves: Array<Leaf<V>>, owner: Edit | undefined) {
    this.hash = hash
    this.leaves = leaves
    this.owner = owner
  }
}

type Node<V> = Leaf<V> | Branch<V> | Collision<V>

/** A trie: its root and how many keys it holds. @category models */
export interface Trie<V> {
  readonly root: Node<V> | undefined
  readonly size: number
}

/** The trie without keys. @category constructors */
export const empty: Trie<never> = { root: undefined, size: 0 }

/**
 * The 32-bit hash of a key: FNV-1a over UTF-16 units, then the murmur3 finaliser so every 5-bit
 * fragment is well mixed. Exported for the tests that need two keys of one hash. @category internals
 */
export const hashOf = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return h ^ (h >>> 16)
}

const popcount = (x: number): number => {
  x = x - ((x >>> 1) & 0x55555555)
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff
}

const fragment = (hash: number, shift: number): number => (hash >>> shift) & 31

const find = <V>(t: Trie<V>, key: string): Leaf<V> | undefined => {
  const hash = hashOf(key)
  let node = t.root
  let shift = 0
  while (node !== undefined) {
    if (node instanceof Branch) {
      const bit = 1 << fragment(hash, shift)
      if ((node.bitmap & bit) === 0) return undefined
      node = node.children[popcount(node.bitmap & (bit - 1))]
      shift += 5
    } else if (node instanceof Leaf) {
      return node.key === key ? node : undefined
    } else {
      return node.leaves.find((l) => l.key === key)
    }
  }
  return undefined
}

/** The value under `key`, if any. @category getters */
export const get = <V>(t: Trie<V>, key: string): V | undefined => find(t, key)?.value

/** Whether `key` is present. @category getters */
export const has = <V>(t: Trie<V>, key: string): boolean => find(t, key) !== undefined

/** Two nodes of different hashes under one new branch (deeper while their fragments agree). */
const join = <V>(
  shift: number,
  a: Leaf<V> | Collision<V>,
  b: Leaf<V>,
  owner: Edit | undefined,
): Branch<V> => {
  const fa = fragment(a.hash, shift)
  const fb = fragment(b.hash, shift)
  if (fa === fb) return new Branch(1 << fa, [join(shift + 5, a, b, owner)], owner)
  return new Branch((1 << fa) | (1 << fb), fa < fb ? [a, b] : [b, a], owner)
}

/** `node` with `leaf` put in (its slot kept when the key was there); `added` says if it was new. */
const put = <V>(
  node: Node<V> | undefined,
  shift: number,
  leaf: Leaf<V>,
  owner: Edit | undefined,
  added: { value: boolean },
): Node<V> => {
  if (node === undefined) {
    added.value = true
    return leaf
  }
  if (node instanceof Branch) {
    const bit = 1 << fragment(leaf.hash, shift)
    const i = popcount(node.bitmap & (bit - 1))
    const mine = owner !== undefined && node.owner === owner
    if ((node.bitmap & bit) === 0) {
      added.value = true
      if (mine) {
        node.children.splice(i, 0, leaf)
        node.bitmap |= bit
        return node
      }
      const children = node.children.slice()
      children.splice(i, 0, leaf)
      return new Branch(node.bitmap | bit, children, owner)
    }
    const child = node.children[i] // present: its bit is set
    const next = put(child, shift + 5, leaf, owner, added)
    if (next === child) return node
    if (mine) {
      node.children[i] = next
      return node
    }
    const children = node.children.slice()
    children[i] = next
    return new Branch(node.bitmap, children, owner)
  }
  if (node instanceof Leaf) {
    if (node.key === leaf.key) {
      return node.value === leaf.value ? node : new Leaf(node.hash, node.key, leaf.value, node.slot)
    }
    added.value = true
    return node.hash === leaf.hash
      ? new Collision(node.hash, [node, leaf], owner)
      : join(shift, node, leaf, owner)
  }
  if (node.hash !== leaf.hash) {
    added.value = true
    return join(shift, node, leaf, owner)
  }
  const j = node.leaves.findIndex((l) => l.key === leaf.key)
  const old = node.leaves[j]
  const next = old === undefined ? leaf : new Leaf(old.hash, old.key, leaf.value, old.slot)
  if (old === undefined) added.value = true
  const mine = owner !== undefined && node.owner === owner
  const leaves = mine ? node.leaves : node.leaves.slice()
  if (old === undefined) leaves.push(next)
  else leaves[j] = next
  return mine ? node : new Collision(node.hash, leaves, owner)
}

/**
 * The trie with `key` set to `value`: a new key goes last in the order, an existing one keeps its
 * place (as `Map.prototype.set` does). Nodes of `owner` are changed in place; `t` itself is only
 * changed through them, so without an owner `t` is untouched.
 * @category combinators
 */
export const set = <V>(t: Trie<V>, key: string, value: V, owner?: Edit): Trie<V> => {
  const added = { value: false }
  const root = put(t.root, 0, new Leaf(hashOf(key), key, value, t.size), owner, added)
  if (added.value) return { root, size: t.size + 1 }
  return root === t.root ? t : { root, size: t.size }
}

/** Every leaf, by insertion slot. */
const leavesInOrder = <V>(t: Trie<V>): Array<Leaf<V>> => {
  const out = new Array<Leaf<V>>(t.size)
  const walk = (node: Node<V>): void => {
    if (node instanceof Leaf) out[node.slot] = node
    else if (node instanceof Branch) for (const c of node.children) walk(c)
    else for (const l of node.leaves) out[l.slot] = l
  }
  if (t.root !== undefined) walk(t.root)
  return out
}

/** A new native Map of the entries, their values passed through `f`, in insertion order. @category conversions */
export const toMap = <V, W>(t: Trie<V>, f: (v: V) => W): Map<string, W> => {
  const m = new Map<string, W>()
  for (const l of leavesInOrder(t)) m.set(l.key, f(l.value))
  return m
}

/** A new native Set of the keys, in insertion order. @category conversions */
export const toSet = <V>(t: Trie<V>): Set<string> => {
  const s = new Set<string>()
  for (const l of leavesInOrder(t)) s.add(l.key)
  return s
}
