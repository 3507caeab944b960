import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../../../shared/domain/preferences'
import en from './en.json'
import pl from './pl.json'

export const resources = { pl: { translation: pl }, en: { translation: en } } as const

export async function startI18n(language: Language): Promise<void> {
  await i18n.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'pl',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  document.documentElement.lang = language
}

export async function switchLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language)
  document.documentElement.lang = language
}

export { i18n }
