// What the benches in Chromium share: the little of the page's DOM their in-page functions
// touch (the Node project has no DOM types), and the median of the times they bring back.

export interface PageElement {
  textContent: string | null
  dispatchEvent(event: unknown): boolean
  getBoundingClientRect(): unknown
}

export interface PageWindow {
  document: { querySelector(selector: string): PageElement | null }
  HTMLInputElement: { prototype: object }
  Event: new (type: string, init: { bubbles: boolean }) => unknown
  requestAnimationFrame(callback: () => void): number
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}
