import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Bounds } from './shell-electron'

export const windowStateFileName = 'window-state.json'

/** The smallest window at which every screen of the app still fits. */
export const minimumSize = { width: 1024, height: 700 }
const defaultSize = { width: 1280, height: 820 }

const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
})
export type WindowState = z.infer<typeof WindowState>

/** Where the window opens: position left out means "let the system centre it". */
export interface Placement {
  width: number
  height: number
  x?: number
  y?: number
  maximized: boolean
}

/**
 * The window as it was left. A missing or damaged file costs only the placement, so it is not
 * reported: the window opens at its default size instead.
 */
export function readWindowState(folder: string): WindowState | undefined {
  try {
    const parsed = WindowState.safeParse(
      JSON.parse(readFileSync(join(folder, windowStateFileName), 'utf8')),
    )
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** Written whole (temp file + rename) and readable by the user only, like the other data files. */
export function writeWindowState(folder: string, state: WindowState): void {
  const path = join(folder, windowStateFileName)
  const temporary = `${path}.tmp`
  writeFileSync(temporary, `${JSON.stringify(state)}\n`, { mode: 0o600 })
  renameSync(temporary, path)
}

/**
 * Places the saved window on the display it overlaps most, moved and shrunk to fit that display's
 * work area (a monitor unplugged since, a lower resolution), never below the minimum size. A window
 * that overlaps no display opens centred.
 */
export function placeWindow(
  saved: WindowState | undefined,
  displays: readonly { workArea: Bounds }[],
): Placement {
  if (saved === undefined) return { ...defaultSize, maximized: false }
  const area = bestDisplay(saved, displays)?.workArea
  if (area === undefined) {
    const first = displays[0]?.workArea
    return {
      width: fit(saved.width, minimumSize.width, first?.width),
      height: fit(saved.height, minimumSize.height, first?.height),
      maximized: saved.maximized,
    }
  }
  const width = fit(saved.width, minimumSize.width, area.width)
  const height = fit(saved.height, minimumSize.height, area.height)
  return {
    width,
    height,
    x: within(saved.x, area.x, area.x + area.width - width),
    y: within(saved.y, area.y, area.y + area.height - height),
    maximized: saved.maximized,
  }
}

function bestDisplay(
  bounds: Bounds,
  displays: readonly { workArea: Bounds }[],
): { workArea: Bounds } | undefined {
  let best: { workArea: Bounds } | undefined
  let bestOverlap = 0
  for (const display of displays) {
    const overlap = overlapArea(bounds, display.workArea)
    if (overlap > bestOverlap) {
      best = display
      bestOverlap = overlap
    }
  }
  return best
}

function overlapArea(a: Bounds, b: Bounds): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

/** At least the minimum; at most the display, unless the display is smaller than the minimum. */
const fit = (size: number, minimum: number, available: number | undefined) =>
  Math.max(minimum, available === undefined ? size : Math.min(size, available))

/** A start position keeping the window inside [low, high]; a window wider than that starts at low. */
const within = (position: number, low: number, high: number) =>
  Math.max(low, Math.min(position, high))
