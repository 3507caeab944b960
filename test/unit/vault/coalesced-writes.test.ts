import { describe, expect, it } from 'vitest'
import { CoalescedWrites } from '../../../electron/vault/coalesced-writes'
import { FakeScheduler } from '../../support/fake-scheduler'

/** A durable write the test finishes by hand, recording the state each one carried. */
function writesOf(state: () => number) {
  const written: number[] = []
  let finish: (() => void) | undefined
  let fail: Error | undefined
  const write = () => {
    const carried = state()
    if (fail) return Promise.reject(fail)
    return new Promise<void>((resolve) => {
      finish = () => {
        written.push(carried)
        resolve()
      }
    })
  }
  return {
    write,
    written,
    finish: () => {
      const done = finish
      finish = undefined
      done?.()
    },
    failWith: (error: Error | undefined) => (fail = error),
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('coalesced writes', () => {
  it('a burst of requests within the window is one write of the state at its end', async () => {
    const scheduler = new FakeScheduler()
    let state = 0
    const disk = writesOf(() => state)
    const writes = new CoalescedWrites({
      write: disk.write,
      scheduler,
      windowMs: 1000,
      failed: () => undefined,
    })
    for (let n = 1; n <= 500; n++) {
      state = n
      writes.request()
      scheduler.advance(1)
    }
    scheduler.advance(500)
    disk.finish()
    await settle()
    expect(disk.written).toEqual([500])
    expect(scheduler.pending).toBe(0)
  })

  it('requests during a write wait for the next window: never two writes at once', async () => {
    const scheduler = new FakeScheduler()
    let state = 1
    const disk = writesOf(() => state)
    const writes = new CoalescedWrites({
      write: disk.write,
      scheduler,
      windowMs: 1000,
      failed: () => undefined,
    })
    writes.request()
    scheduler.advance(1000)
    state = 2
    writes.request()
    scheduler.advance(5000)
    expect(disk.written).toEqual([])
    disk.finish()
    await settle()
    expect(disk.written).toEqual([1])
    scheduler.advance(999)
    expect(disk.written).toEqual([1])
    scheduler.advance(1)
    disk.finish()
    await settle()
    expect(disk.written).toEqual([1, 2])
  })

  it('polls every 100 ms for 10 s: at most one write per second', async () => {
    const scheduler = new FakeScheduler()
    let state = 0
    const disk = writesOf(() => state)
    const writes = new CoalescedWrites({
      write: disk.write,
      scheduler,
      windowMs: 1000,
      failed: () => undefined,
    })
    for (let poll = 1; poll <= 100; poll++) {
      state = poll
      writes.request()
      scheduler.advance(100)
      disk.finish()
      await settle()
    }
    await writes.flush()
    expect(disk.written.length).toBeLessThanOrEqual(10)
    expect(disk.written.at(-1)).toBe(100)
  })

  it('flush writes at once, waits for a write under way, and writes nothing when all is written', async () => {
    const scheduler = new FakeScheduler()
    let state = 1
    const disk = writesOf(() => state)
    const writes = new CoalescedWrites({
      write: disk.write,
      scheduler,
      windowMs: 1000,
      failed: () => undefined,
    })
    await writes.flush()
    expect(disk.written).toEqual([])
    writes.request()
    scheduler.advance(1000)
    state = 2
    writes.request()
    const flushed = writes.flush()
    disk.finish()
    await settle()
    disk.finish()
    await flushed
    expect(disk.written).toEqual([1, 2])
    expect(scheduler.pending).toBe(0)
  })

  it('a timed write that fails is told once, retried each window, and thrown by flush', async () => {
    const scheduler = new FakeScheduler()
    const disk = writesOf(() => 1)
    const told: unknown[] = []
    const writes = new CoalescedWrites({
      write: disk.write,
      scheduler,
      windowMs: 1000,
      failed: (error) => told.push(error),
    })
    const full = new Error('ENOSPC')
    disk.failWith(full)
    writes.request()
    scheduler.advance(1000)
    await settle()
    scheduler.advance(1000)
    await settle()
    expect(told).toEqual([full])
    await expect(writes.flush()).rejects.toBe(full)
    disk.failWith(undefined)
    const flushed = writes.flush()
    await settle()
    disk.finish()
    await flushed
    expect(disk.written).toEqual([1])
  })
})
