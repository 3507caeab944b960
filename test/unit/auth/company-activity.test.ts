import { describe, expect, it } from 'vitest'
import { CompanyActivity } from '../../../electron/auth/company-activity'

// Per-company activity as logins (and later bulk runs) use it: nothing is under way twice, and a
// company counts as busy while any of it runs.

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

const busy = new Error('busy')

describe('CompanyActivity', () => {
  it('runs one exclusive run per company and refuses a second meanwhile, not another company’s', async () => {
    const activity = new CompanyActivity()
    const gate = deferred()
    const first = activity.exclusive('a', busy, () => gate.promise)
    await expect(activity.exclusive('a', busy, () => Promise.resolve())).rejects.toBe(busy)
    await expect(activity.exclusive('b', busy, () => Promise.resolve(1))).resolves.toBe(1)
    expect(activity.isBusy('a')).toBe(true)
    expect(activity.isBusy('b')).toBe(false)
    gate.resolve()
    await first
    expect(activity.isBusy('a')).toBe(false)
  })

  it('lets one hand hold an item; the company is busy while it does, also after a failure ends it', async () => {
    const activity = new CompanyActivity()
    const gate = deferred()
    const held = activity.claim('a', 'op-1', busy, () =>
      gate.promise.then(() => Promise.reject(new Error('x'))),
    )
    expect(activity.isClaimed('op-1')).toBe(true)
    expect(activity.isBusy('a')).toBe(true)
    await expect(activity.claim('a', 'op-1', busy, () => Promise.resolve())).rejects.toBe(busy)
    gate.resolve()
    await expect(held).rejects.toThrow('x')
    expect(activity.isClaimed('op-1')).toBe(false)
    expect(activity.isBusy('a')).toBe(false)
  })

  it('idle waits for background work, including work the background started meanwhile', async () => {
    const activity = new CompanyActivity()
    const order: string[] = []
    const gate = deferred()
    activity.track(
      'a',
      gate.promise.then(() => {
        order.push('first')
        activity.track(
          'b',
          Promise.resolve().then(() => void order.push('second')),
        )
      }),
    )
    expect(activity.isBusy('a')).toBe(true)
    const idle = activity.idle().then(() => order.push('idle'))
    gate.resolve()
    await idle
    expect(order).toEqual(['first', 'second', 'idle'])
    expect(activity.isBusy('a') || activity.isBusy('b')).toBe(false)
  })
})
