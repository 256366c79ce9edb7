/**
 * The embedded store's lock: a live holder refuses a second opener with a message naming it and the
 * API; a lock left by a process that is gone, or unreadable, is taken over; release frees it.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { StoreUnavailable } from "@ledger/eventstore"
import { afterAll, describe, expect, it } from "vitest"
import { acquireStoreLock, LOCK_FILE } from "./pglite-lock.ts"

const root = mkdtempSync(join(tmpdir(), "ledger-lock-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const freshDir = () => join(root, `store-${++n}`)

/** The pid of a process that has already exited. */
const deadPid = (): number => {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"])
  return Number(child.stdout.toString())
}

describe("acquireStoreLock", () => {
  it("creates the folder and a lock file naming this process; a second opener is refused while it is held", () => {
    const dir = freshDir()
    const lock = acquireStoreLock(dir)
    if (lock instanceof StoreUnavailable) throw lock
    const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")) as { pid: number }
    expect(holder.pid).toBe(process.pid)
    const second = acquireStoreLock(dir)
    expect(second).toBeInstanceOf(StoreUnavailable)
    const reason = (second as StoreUnavailable).reason
    expect(reason).toContain(`is in use by another process (pid ${process.pid}`)
    expect(reason).toContain("use its API")
    lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    const third = acquireStoreLock(dir)
    expect(third).not.toBeInstanceOf(StoreUnavailable)
    if (!(third instanceof StoreUnavailable)) third.release()
  })

  it("takes over a lock whose process is gone", () => {
    const dir = freshDir()
    const stale = acquireStoreLock(dir)
    if (stale instanceof StoreUnavailable) throw stale
    const pid = deadPid()
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, command: "crashed", since: "2026-01-01" }))
    const lock = acquireStoreLock(dir)
    if (lock instanceof StoreUnavailable) throw lock
    expect((JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")) as { pid: number }).pid).toBe(process.pid)
    lock.release()
  })

  it("takes over an unreadable lock file", () => {
    const dir = freshDir()
    const first = acquireStoreLock(dir)
    if (first instanceof StoreUnavailable) throw first
    writeFileSync(join(dir, LOCK_FILE), "not json")
    const lock = acquireStoreLock(dir)
    expect(lock).not.toBeInstanceOf(StoreUnavailable)
    if (!(lock instanceof StoreUnavailable)) lock.release()
  })

  it("release leaves a lock that another process has taken since", () => {
    const dir = freshDir()
    const lock = acquireStoreLock(dir)
    if (lock instanceof StoreUnavailable) throw lock
    const other = JSON.stringify({ pid: 1, command: "other", since: "2026-01-01" })
    writeFileSync(join(dir, LOCK_FILE), other)
    lock.release()
    expect(readFileSync(join(dir, LOCK_FILE), "utf8")).toBe(other)
  })
})
