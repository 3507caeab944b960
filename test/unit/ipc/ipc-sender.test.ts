import { describe, expect, it } from 'vitest'
import type { Dispatch } from '../../../electron/dispatch'
import { fromOurWindowOnly, isFromOurWindow } from '../../../electron/ipc-sender'

const mainFrame = { name: 'main frame' }
const window = (destroyed = false) => ({
  isDestroyed: () => destroyed,
  webContents: { id: 7, mainFrame },
})

describe('isFromOurWindow', () => {
  it('accepts the main frame of our window', () => {
    expect(isFromOurWindow({ sender: { id: 7 }, senderFrame: mainFrame }, window())).toBe(true)
  })

  it.each([
    ['another webContents', { sender: { id: 8 }, senderFrame: mainFrame }, window()],
    ['a frame inside the page', { sender: { id: 7 }, senderFrame: { name: 'iframe' } }, window()],
    ['a destroyed window', { sender: { id: 7 }, senderFrame: mainFrame }, window(true)],
    ['no window at all', { sender: { id: 7 }, senderFrame: mainFrame }, undefined],
  ])('refuses %s', (_case, event, ours) => {
    expect(isFromOurWindow(event, ours)).toBe(false)
  })
})

describe('fromOurWindowOnly', () => {
  const recordingDispatch = () => {
    const calls: [string, unknown][] = []
    const dispatch: Dispatch = (channel, input) => {
      calls.push([channel, input])
      return Promise.resolve({ ok: true, value: 'answered' })
    }
    return { dispatch, calls }
  }

  it('passes a request of our window to the dispatch', async () => {
    const { dispatch, calls } = recordingDispatch()
    const answer = fromOurWindowOnly(dispatch, () => window())
    expect(await answer({ sender: { id: 7 }, senderFrame: mainFrame }, 'app:status', 1)).toEqual({
      ok: true,
      value: 'answered',
    })
    expect(calls).toEqual([['app:status', 1]])
  })

  it('refuses a foreign sender with SENDER_REFUSED, never reaching a handler', async () => {
    const { dispatch, calls } = recordingDispatch()
    const answer = fromOurWindowOnly(dispatch, () => window())
    const refused = await answer({ sender: { id: 8 }, senderFrame: mainFrame }, 'app:status', 1)
    expect(refused).toMatchObject({ ok: false, error: { code: 'SENDER_REFUSED' } })
    expect(calls).toEqual([])
  })
})
