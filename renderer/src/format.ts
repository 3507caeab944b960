import type { Language } from '../../shared/domain/preferences'

const locales: Record<Language, string> = { pl: 'pl-PL', en: 'en-GB' }

export const formatDate = (iso: string, language: Language): string =>
  new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium' }).format(new Date(iso))

export const formatDateTime = (iso: string, language: Language): string =>
  new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(iso),
  )
