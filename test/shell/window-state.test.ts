import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  placeWindow,
  readWindowState,
  windowStateFileName,
  writeWindowState,
} from '../../electron/shell/window-state'
import { fakeMachine } from '../support/fake-electron'
import { tempFolder } from '../support/temp-folder'
import { boot, cleanUp } from './harness'

afterEach(cleanUp)

const laptop = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } }
const leftMonitor = { workArea: { x: -2560, y: 0, width: 2560, height: 1400 } }
const small = { workArea: { x: 0, y: 0, width: 1366, height: 728 } }

describe('placeWindow', () => {
  it('without a saved state opens at the default size, centred', () => {
    expect(placeWindow(undefined, [laptop])).toEqual({ width: 1280, height: 820, maximized: false })
  })

  it('restores a window that fits where it was', () => {
    const saved = { x: 100, y: 50, width: 1400, height: 900, maximized: true }
    expect(placeWindow(saved, [laptop])).toEqual(saved)
  })

  it('keeps a window on the second monitor it was left on', () => {
    const saved = { x: -2000, y: 100, width: 1300, height: 800, maximized: false }
    expect(placeWindow(saved, [laptop, leftMonitor])).toEqual(saved)
  })

  it('pulls a window hanging over the edge back inside the display', () => {
    const saved = { x: 1500, y: 600, width: 1280, height: 820, maximized: false }
    expect(placeWindow(saved, [laptop])).toEqual({ ...saved, x: 640, y: 220 })
  })

  it('centres a window left on a monitor that is gone', () => {
    const saved = { x: -2000, y: 100, width: 1300, height: 800, maximized: false }
    expect(placeWindow(saved, [laptop])).toEqual({ width: 1300, height: 800, maximized: false })
  })

  it('shrinks a window larger than the display to its work area', () => {
    const saved = { x: 0, y: 0, width: 2500, height: 1300, maximized: false }
    expect(placeWindow(saved, [small])).toEqual({
      x: 0,
      y: 0,
      width: 1366,
      height: 728,
      maximized: false,
    })
  })

  it('never goes below 1024×700', () => {
    const saved = { x: 10, y: 10, width: 400, height: 300, maximized: false }
    expect(placeWindow(saved, [laptop])).toMatchObject({ width: 1024, height: 700 })
  })
})

describe('the window state file', () => {
  it('is written readable by the user only and read back', () => {
    const folder = tempFolder()
    try {
      const state = { x: 1, y: 2, width: 1100, height: 750, maximized: false }
      writeWindowState(folder.path, state)
      expect(statSync(join(folder.path, windowStateFileName)).mode & 0o777).toBe(0o600)
      expect(readWindowState(folder.path)).toEqual(state)
    } finally {
      folder.remove()
    }
  })

  it.each([
    ['missing', undefined],
    ['not JSON', '{"x": 1,'],
    ['off schema', '{"x": "left", "y": 0, "width": 1100, "height": 750, "maximized": false}'],
  ])('%s: the window opens at its default place', (_what, text) => {
    const folder = tempFolder()
    try {
      if (text !== undefined) writeFileSync(join(folder.path, windowStateFileName), text)
      expect(readWindowState(folder.path)).toBeUndefined()
    } finally {
      folder.remove()
    }
  })
})

describe('the window of the running app', () => {
  it('is saved when it closes and restored, maximised, at the next launch', async () => {
    const machine = fakeMachine()
    const first = await boot({ machine })
    first.window().setBounds({ x: 200, y: 100, width: 1300, height: 850 })
    first.window().maximize()
    await first.quit()
    expect(statSync(join(first.folder, windowStateFileName)).mode & 0o777).toBe(0o600)

    const second = await boot({ machine, folder: first.folder })
    expect(second.window().options).toMatchObject({ x: 200, y: 100, width: 1300, height: 850 })
    expect(second.window().isMaximized()).toBe(true)
  })

  it('is clamped to the displays present at the next launch', async () => {
    const machine = fakeMachine()
    const first = await boot({ machine })
    first.window().setBounds({ x: 1000, y: 300, width: 1600, height: 900 })
    await first.quit()

    const second = await boot({ machine, folder: first.folder, displays: [small.workArea] })
    expect(second.window().options).toMatchObject({ x: 0, y: 0, width: 1366, height: 728 })
  })
})
