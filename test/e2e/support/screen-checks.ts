import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import {
  englishWordsOutsideTranslations,
  polishWordsOutsideTranslations,
  wordsOfBothLanguages,
} from './app-words'

// What the screens pass checks on whatever the page shows now: layout (sideways scrolling,
// overflowing cells, truncated text without a way to read it), language (Polish in English and
// English in Polish), axe-core and the keyboard. Each check returns findings as lines a person can
// act on: what is wrong and where (the element's path from the nearest test id).

export type Language = 'pl' | 'en'

/** A px of rounding either way is layout noise, not overflow. */
const tolerance = 2

// The page's DOM, as far as the probe below touches it. The node project has no DOM types, and
// the probe runs in the page only: these describe what it reads there.
interface ProbeStyle {
  overflowX: string
  backgroundColor: string
  borderLeftWidth: string
  borderRightWidth: string
  textOverflow: string
  display: string
  position: string
  clip: string
  webkitLineClamp: string
  outlineStyle: string
  outlineWidth: string
  boxShadow: string
}
interface ProbeNode {
  nodeType: number
  nodeValue: string | null
  parentElement: ProbeElement | null
}
interface ProbeElement {
  tagName: string
  parentElement: ProbeElement | null
  children: ArrayLike<ProbeElement>
  childNodes: ArrayLike<ProbeNode>
  textContent: string | null
  scrollWidth: number
  clientWidth: number
  scrollHeight: number
  clientHeight: number
  disabled?: boolean
  type?: string
  name?: string
  getAttribute(name: string): string | null
  setAttribute(name: string, value: string): void
  removeAttribute(name: string): void
  getBoundingClientRect(): { width: number; height: number; right: number }
  checkVisibility(options: { visibilityProperty: boolean }): boolean
  closest(selector: string): ProbeElement | null
  matches(selector: string): boolean
  querySelectorAll(selector: string): ArrayLike<ProbeElement>
  contains(other: ProbeElement): boolean
  focus(): void
}
interface ProbeTreeWalker {
  nextNode(): ProbeNode | null
}
interface ProbeWindow {
  document: {
    body: ProbeElement
    documentElement: ProbeElement
    activeElement: ProbeElement | null
    querySelectorAll(selector: string): ArrayLike<ProbeElement>
    createTreeWalker(root: ProbeElement, whatToShow: number): ProbeTreeWalker
  }
  getComputedStyle(element: ProbeElement): ProbeStyle
}

export interface ShownText {
  path: string
  text: string
  /** The lang of the nearest element that sets one (KSeF's own words are quoted as lang="pl"). */
  lang: string
  /** 'text', or the attribute it was read from (title, aria-label, placeholder). */
  kind: string
}

interface Probe {
  overflow: string[]
  truncated: string[]
  texts: ShownText[]
}

/**
 * Runs in the page: marks the screen's root (the topmost open modal, or the body) with
 * data-screen-root, and reads layout defects and every text shown within it.
 */
function probe(tolerancePx: number): Probe {
  const w = globalThis as unknown as ProbeWindow
  const doc = w.document
  const modals = Array.from(doc.querySelectorAll('body > .MuiModal-root')).filter(
    (element) =>
      !element.matches('.MuiModal-hidden') && element.checkVisibility({ visibilityProperty: true }),
  )
  const root = modals[modals.length - 1] ?? doc.body
  for (const marked of Array.from(doc.querySelectorAll('[data-screen-root]')))
    marked.removeAttribute('data-screen-root')
  root.setAttribute('data-screen-root', '')

  const pathOf = (element: ProbeElement): string => {
    const parts: string[] = []
    let at: ProbeElement | null = element
    while (at && parts.length < 6) {
      const testId = at.getAttribute('data-testid')
      const tag = at.tagName.toLowerCase()
      if (testId) {
        parts.unshift(`${tag}[data-testid="${testId}"]`)
        break
      }
      const muiClass = (at.getAttribute('class') ?? '')
        .split(' ')
        .find((c) => /^Mui[A-Za-z]+-root$/.test(c))
      const parent: ProbeElement | null = at.parentElement
      const same = parent
        ? Array.from(parent.children).filter((c) => c.tagName === at?.tagName)
        : []
      const nth = same.length > 1 ? `:nth-of-type(${same.indexOf(at) + 1})` : ''
      parts.unshift(`${tag}${muiClass ? `.${muiClass}` : ''}${nth}`)
      at = parent
    }
    return parts.join(' > ')
  }
  const shown = (element: ProbeElement): boolean => {
    if (!element.checkVisibility({ visibilityProperty: true })) return false
    const box = element.getBoundingClientRect()
    return box.width > 0 && box.height > 0
  }
  const visuallyHidden = (element: ProbeElement, style: ProbeStyle): boolean => {
    const box = element.getBoundingClientRect()
    return (
      box.width <= 1 || box.height <= 1 || (style.position === 'absolute' && style.clip !== 'auto')
    )
  }
  const compact = (text: string) => text.replace(/\s+/g, ' ').trim()
  /** A title, a tooltip's aria-label or aria-describedby on the element or close above it. */
  const wayToSeeWhole = (element: ProbeElement, text: string): boolean => {
    let at: ProbeElement | null = element
    for (let level = 0; at && level < 5; level += 1, at = at.parentElement) {
      if (at.getAttribute('data-mui-internal-clone-element') || at.getAttribute('aria-describedby'))
        return true
      for (const name of ['title', 'aria-label']) {
        const value = compact(at.getAttribute(name) ?? '')
        if (value && value.includes(text.replace(/…$/, ''))) return true
      }
    }
    return false
  }

  const scrolls = (style: ProbeStyle) => style.overflowX === 'auto' || style.overflowX === 'scroll'
  /**
   * A cell, or a box the user sees the edges of (a border, a background): content that spills out
   * of it shows. A bare wrapper (a tooltip's span) may be narrower than what it wraps unseen.
   */
  const boxed = (element: ProbeElement, style: ProbeStyle) =>
    element.matches('td, th, [role="cell"], [role="gridcell"], [role="columnheader"]') ||
    parseFloat(style.borderLeftWidth) > 0 ||
    parseFloat(style.borderRightWidth) > 0 ||
    !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(style.backgroundColor)
  const overflow: string[] = []
  const truncated: string[] = []
  const overflowing: { element: ProbeElement; line: string }[] = []
  const html = doc.documentElement
  // Behind an open dialog the page cannot scroll: its width is the page's own screen's finding.
  if (root === doc.body && html.scrollWidth - html.clientWidth > tolerancePx) {
    let widest: { right: number; element: ProbeElement } | undefined
    for (const element of Array.from(doc.body.querySelectorAll('*'))) {
      const right = element.getBoundingClientRect().right
      if (right > html.clientWidth + tolerancePx && (!widest || right > widest.right))
        widest = { right, element }
    }
    const culprit = widest
      ? `; it reaches ${Math.round(widest.right)} px: ${pathOf(widest.element)}`
      : ''
    overflow.push(
      `the page scrolls sideways by ${html.scrollWidth - html.clientWidth} px${culprit}`,
    )
  }
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    // Inside an icon, a ripple or a switch, sizes are the component's own drawing, not content.
    if (
      element.closest('svg, .MuiTouchRipple-root, .MuiSwitch-root') ||
      element.matches('input, textarea, select')
    )
      continue
    if (element.clientWidth === 0 || !shown(element)) continue
    const style = w.getComputedStyle(element)
    if (style.display === 'inline' || visuallyHidden(element, style)) continue
    const over = element.scrollWidth - element.clientWidth
    const text = compact(element.textContent ?? '')
    const clamped =
      style.webkitLineClamp !== 'none' && element.scrollHeight - element.clientHeight > tolerancePx
    const ellipsis = style.textOverflow === 'ellipsis' && over > 0
    const hidden = style.overflowX === 'hidden' || style.overflowX === 'clip'
    if (text && (ellipsis || clamped || (hidden && over > tolerancePx))) {
      if (!wayToSeeWhole(element, text)) {
        const how = ellipsis ? 'ellipsis' : clamped ? 'line clamp' : `${over} px hidden`
        truncated.push(
          `${pathOf(element)}: “${text.slice(0, 80)}” is cut (${how}) with no title or tooltip`,
        )
      }
    } else if (!hidden && over > tolerancePx && (scrolls(style) || boxed(element, style))) {
      overflowing.push({
        element,
        line: scrolls(style)
          ? `${pathOf(element)} scrolls sideways (${element.scrollWidth} > ${element.clientWidth} px)`
          : `${pathOf(element)}: its content overflows it (${element.scrollWidth} > ${element.clientWidth} px)`,
      })
    }
  }
  // An overflowing cell makes its row and table overflow too: name the innermost only.
  for (const { element, line } of overflowing) {
    if (!overflowing.some((other) => other.element !== element && element.contains(other.element)))
      overflow.push(line)
  }

  const texts: ShownText[] = []
  const langOf = (element: ProbeElement) => element.closest('[lang]')?.getAttribute('lang') ?? ''
  const byElement = new Map<ProbeElement, string>()
  const walker = doc.createTreeWalker(root, 4)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement
    if (!parent || parent.closest('script, style, noscript') || !shown(parent)) continue
    byElement.set(parent, (byElement.get(parent) ?? '') + (node.nodeValue ?? ''))
  }
  for (const [element, text] of byElement) {
    if (compact(text))
      texts.push({
        path: pathOf(element),
        text: compact(text),
        lang: langOf(element),
        kind: 'text',
      })
  }
  for (const element of Array.from(
    root.querySelectorAll('[title], [aria-label], [placeholder], [alt]'),
  )) {
    if (!shown(element) && !element.matches('input, textarea')) continue
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
      const value = compact(element.getAttribute(name) ?? '')
      if (value)
        texts.push({ path: pathOf(element), text: value, lang: langOf(element), kind: name })
    }
  }
  return { overflow, truncated, texts }
}

/** Runs in the page: how much taller the page would have to be for nothing to scroll up or down. */
function hiddenHeight(): number {
  const w = globalThis as unknown as ProbeWindow
  let most = 0
  for (const element of Array.from(
    w.document.querySelectorAll('[data-screen-root], [data-screen-root] *'),
  )) {
    const overflowY = (w.getComputedStyle(element) as ProbeStyle & { overflowY: string }).overflowY
    if (overflowY === 'auto' || overflowY === 'scroll')
      most = Math.max(most, element.scrollHeight - element.clientHeight)
  }
  return most
}

/**
 * A screenshot of the whole screen: the panels scroll up and down inside the window, so the window
 * is made as tall as their content for the picture and given its size back after.
 */
export async function screenshotWhole(page: Page, path: string): Promise<void> {
  const size = page.viewportSize()
  const extra = await page.evaluate(hiddenHeight)
  if (size && extra > 0)
    await page.setViewportSize({ width: size.width, height: size.height + extra })
  await page.screenshot({ path, fullPage: true })
  if (size && extra > 0) await page.setViewportSize(size)
}

/** Layout findings of the screen shown now; also marks its root for the other checks. */
export async function layoutFindings(
  page: Page,
): Promise<{ findings: string[]; texts: ShownText[] }> {
  const result = await page.evaluate(probe, tolerance)
  return { findings: [...result.overflow, ...result.truncated], texts: result.texts }
}

// ---- language -------------------------------------------------------------------------------

type Translations = { [key: string]: string | Translations }

function translationValues(language: Language): string[] {
  const file = new URL(`../../../renderer/src/i18n/${language}.json`, import.meta.url)
  const all: string[] = []
  const walk = (node: Translations) => {
    for (const value of Object.values(node)) {
      if (typeof value === 'string') all.push(value)
      else walk(value)
    }
  }
  walk(JSON.parse(readFileSync(file, 'utf8')) as Translations)
  return all
}

const wordsIn = (text: string) =>
  (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((word) => word.length >= 3)

function wordsOf(values: string[]): Set<string> {
  return new Set(values.flatMap((value) => wordsIn(value.replace(/\{\{[^}]*\}\}|<[^>]*>/g, ' '))))
}

const polishValues = translationValues('pl')
const englishValues = translationValues('en')
const polishWords = wordsOf(polishValues)
const englishWords = wordsOf(englishValues)
const shared = new Set(wordsOfBothLanguages)
/** Words that say a text is Polish: in pl.json and never in en.json, or KSeF's own Polish. */
const onlyPolish = new Set(
  [...polishWords, ...polishWordsOutsideTranslations].filter(
    (word) => !englishWords.has(word) && !shared.has(word),
  ),
)
/** Words that say a text is English: in en.json and never in pl.json, or component defaults. */
const onlyEnglish = new Set(
  [...englishWords, ...englishWordsOutsideTranslations].filter(
    (word) => !polishWords.has(word) && !shared.has(word),
  ),
)
const polishLetters = /[ąćęłńóśźż]/i
/** A quotation („…”, “…”, "…") is someone else's words, e.g. KSeF's, labelled as such around it. */
const quoted = /[„“"][^„“”"]*[”"]/g

/**
 * Texts in the wrong language. `data` are the texts the test itself created (company names,
 * certificate names, token descriptions…): they are the user's, in whatever language, and are
 * taken out before the check, as are quotations. A text inside an element of another lang
 * (KSeF's words, marked lang="pl") is in that language on purpose.
 */
export function languageFindings(texts: ShownText[], language: Language, data: string[]): string[] {
  const byLength = [...data].filter((d) => d.length > 0).sort((a, b) => b.length - a.length)
  const findings: string[] = []
  for (const shown of texts) {
    if (shown.lang && shown.lang !== language) continue
    let rest = shown.text
    for (const item of byLength) rest = rest.split(item).join(' ')
    // Fingerprints, serial numbers and keys are hex: "…5ADD3F…" holds no English word.
    rest = rest
      .replace(quoted, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/\b(?=[0-9A-F:]*\d)(?=[0-9A-F:]*[A-F])[0-9A-F:]{6,}\b/g, ' ')
    const words = wordsIn(rest)
    const wrong =
      language === 'en'
        ? [
            ...(polishLetters.test(rest) ? ['(Polish letters)'] : []),
            ...words.filter((w) => onlyPolish.has(w)),
          ]
        : words.filter((w) => onlyEnglish.has(w))
    if (wrong.length > 0)
      findings.push(
        `${shown.path} ${shown.kind === 'text' ? '' : `[${shown.kind}] `}“${shown.text.slice(0, 120)}”: ${language === 'en' ? 'Polish' : 'English'} (${[...new Set(wrong)].join(', ')})`,
      )
  }
  return findings
}

// ---- axe ------------------------------------------------------------------------------------

/** Serious and critical axe-core violations within the screen's root (the open dialog, if any). */
export async function axeFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    // The app's page opens in the browser's own context, where axe cannot open a page of its own
    // to merge frames; the app has no frames, so running in the page alone misses nothing.
    .setLegacyMode()
    .include('[data-screen-root]')
    .analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes
        // A disabled field's label and help are part of an inactive control, which WCAG 1.4.3
        // exempts from contrast; axe sees only that they are a label and a paragraph.
        .filter((node) => violation.id !== 'color-contrast' || !node.html.includes('Mui-disabled'))
        .map(
          (node) =>
            `axe ${violation.id} (${violation.impact}): ${node.target.join(' ')} ${node.html.slice(0, 100)} — ${violation.help}`,
        ),
    )
}

// ---- keyboard -------------------------------------------------------------------------------

interface Focused {
  id: string | null
  group: string | null
  visible: boolean
  path: string
}

/** Runs in the page: numbers every enabled control of the screen's root; returns their paths. */
function markControls(): string[] {
  const w = globalThis as unknown as ProbeWindow
  const doc = w.document
  const root = doc.querySelectorAll('[data-screen-root]')[0] ?? doc.body
  for (const marked of Array.from(doc.querySelectorAll('[data-kbd]'))) {
    marked.removeAttribute('data-kbd')
    marked.removeAttribute('data-kbd-group')
  }
  const selector =
    'button, a[href], input, select, textarea, [role="tab"], [role="button"], [role="combobox"], [role="checkbox"], [role="radio"], [role="switch"], [role="menuitem"], [role="option"], [role="slider"], [tabindex]'
  const paths: string[] = []
  let groups = 0
  const groupIds = new Map<ProbeElement | string, string>()
  const groupOf = (element: ProbeElement): string | null => {
    const role = element.getAttribute('role')
    const key =
      element.type === 'radio' && element.name
        ? `radio:${element.name}`
        : role === 'tab'
          ? element.closest('[role="tablist"]')
          : role === 'menuitem' || role === 'option'
            ? element.closest('[role="menu"], [role="listbox"]')
            : // A data grid is one stop of Tab; the arrow keys move within it (WAI-ARIA grid).
              element.closest('.MuiToggleButtonGroup-root, [role="grid"]')
    if (!key) return null
    if (!groupIds.has(key)) groupIds.set(key, `g${(groups += 1)}`)
    return groupIds.get(key) ?? null
  }
  const interactiveRoles = [
    'tab',
    'button',
    'combobox',
    'checkbox',
    'radio',
    'switch',
    'menuitem',
    'option',
    'slider',
  ]
  for (const element of Array.from(root.querySelectorAll(selector))) {
    const tabindex = element.getAttribute('tabindex')
    const native = element.matches('button, a[href], input, select, textarea')
    const role = element.getAttribute('role')
    const interactive = native || (role !== null && interactiveRoles.includes(role))
    if (!interactive && (tabindex === null || Number(tabindex) < 0)) continue
    if (element.matches('input[type="hidden"], [aria-hidden="true"] *, [aria-hidden="true"]'))
      continue
    if (element.disabled === true || element.closest('[aria-disabled="true"], [inert]')) continue
    const box = element.getBoundingClientRect()
    if (
      !element.checkVisibility({ visibilityProperty: true }) ||
      box.width === 0 ||
      box.height === 0
    )
      continue
    const id = String(paths.length)
    element.setAttribute('data-kbd', id)
    const group = groupOf(element)
    if (group) element.setAttribute('data-kbd-group', group)
    const testId = element.closest('[data-testid]')?.getAttribute('data-testid') ?? ''
    const label = (element.getAttribute('aria-label') ?? element.textContent ?? '')
      .trim()
      .slice(0, 40)
    paths.push(
      `${element.tagName.toLowerCase()}${role ? `[role=${role}]` : ''} “${label}”${testId ? ` in [data-testid="${testId}"]` : ''}`,
    )
  }
  return paths
}

/** Runs in the page: which numbered control has the focus, and whether the focus shows. */
function focused(): Focused {
  const w = globalThis as unknown as ProbeWindow
  const active = w.document.activeElement
  if (!active || active === w.document.body)
    return { id: null, group: null, visible: false, path: 'body' }
  const control = active.closest('[data-kbd]')
  const style = w.getComputedStyle(active)
  const visible =
    (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
    style.boxShadow !== 'none' ||
    active.matches('.Mui-focusVisible') ||
    (active.parentElement?.matches('.Mui-focusVisible, .Mui-focused') ?? false) ||
    active.closest('.MuiInputBase-root.Mui-focused, .MuiSelect-root.Mui-focused') !== null
  const testId = active.closest('[data-testid]')?.getAttribute('data-testid') ?? ''
  return {
    id: control?.getAttribute('data-kbd') ?? null,
    group: control?.getAttribute('data-kbd-group') ?? null,
    visible,
    path: `${active.tagName.toLowerCase()} “${(active.getAttribute('aria-label') ?? active.textContent ?? '').trim().slice(0, 40)}”${testId ? ` in [data-testid="${testId}"]` : ''}`,
  }
}

/** Runs in the page: puts the focus on the first numbered control, where the walk starts. */
function focusFirstControl(): boolean {
  const w = globalThis as unknown as ProbeWindow
  const first = w.document.querySelectorAll('[data-kbd="0"]')[0]
  first?.focus()
  return w.document.querySelectorAll('[data-screen-root] [role="menu"]').length > 0
}

/**
 * Walks the screen's root with the keyboard: Tab from its first control until the focus comes
 * round to it again — every enabled control must be reached (a radio group, tab list or toggle
 * group once: its arrow keys do the rest), and each must show that it has the focus. A menu is
 * walked with the arrow keys instead, as Tab closes it.
 */
export async function keyboardFindings(page: Page): Promise<string[]> {
  const controls = await page.evaluate(markControls)
  if (controls.length === 0) return []
  const menu = await page.evaluate(focusFirstControl)
  const reached = new Set<string>(menu ? [] : ['0'])
  const reachedGroups = new Set<string>()
  const findings: string[] = []
  const order: string[] = [controls[0] ?? '']
  let last: string | null = menu ? null : '0'
  for (let step = 0; step < controls.length * 2 + 8; step += 1) {
    await page.keyboard.press(menu ? 'ArrowDown' : 'Tab')
    const now = await page.evaluate(focused)
    order.push(now.path)
    // A date field keeps the focus while Tab walks its day, month and year.
    if (now.id === null || now.id === last) continue
    last = now.id
    if (now.group) reachedGroups.add(now.group)
    if (!now.visible) findings.push(`keyboard: ${now.path} has the focus but does not show it`)
    if (reached.has(now.id)) break
    reached.add(now.id)
  }
  const groups = await page.evaluate(() => {
    const w = globalThis as unknown as ProbeWindow
    return Array.from(w.document.querySelectorAll('[data-kbd]')).map(
      (element) => element.getAttribute('data-kbd-group') ?? '',
    )
  })
  const unreached = controls.filter((_, index) => {
    const group = groups[index] ?? ''
    return !reached.has(String(index)) && !(group && reachedGroups.has(group))
  })
  for (const path of unreached)
    findings.push(`keyboard: ${path} cannot be reached with ${menu ? 'the arrow keys' : 'Tab'}`)
  if (unreached.length > 0) findings.push(`keyboard: the focus went ${order.join(' → ')}`)
  return [...new Set(findings)]
}
