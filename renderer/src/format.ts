import type { Language } from '../../shared/domain/preferences'

const locales: Record<Language, string> = { pl: 'pl-PL', en: 'en-GB' }

// Made once per language: building an Intl.DateTimeFormat costs more than formatting with it,
// and a list of 2,000 companies formats dates in every row it mounts.
const formatters = new Map<string, Intl.DateTimeFormat>()
const formatter = (language: Language, options: Intl.DateTimeFormatOptions) => {
  const key = `${language} ${JSON.stringify(options)}`
  let made = formatters.get(key)
  if (!made) {
    made = new Intl.DateTimeFormat(locales[language], options)
    formatters.set(key, made)
  }
  return made
}

export const formatDate = (iso: string, language: Language): string =>
  formatter(language, { dateStyle: 'medium' }).format(new Date(iso))

export const formatDateTime = (iso: string, language: Language): string =>
  formatter(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso))
