import { describe, expect, it } from 'vitest'
import { isFromOurWindow } from '../../../electron/ipc-sender'

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
