/**
 * What the tab tells the user after an action, kept as its translation key so it follows a
 * switch of language.
 */
export interface TabMessage {
  key: string
  values?: Record<string, string | number>
}

export const said = (key: string, values?: Record<string, string | number>): TabMessage => ({
  key,
  ...(values ? { values } : {}),
})
