import type { TFunction } from 'i18next'
import { TokenContext } from '../../shared/domain/credentials'
import { Environment } from '../../shared/domain/environment'
import { AppErrorPayload } from '../../shared/ipc/errors'
import { formatDateTime } from './format'
import { i18n } from './i18n'

/** The user's words for an error (an AppError or its payload): its code's translation, filled with its details. */
export function errorText(t: TFunction, error: unknown): string {
  const parsed = AppErrorPayload.safeParse(error)
  if (!parsed.success) return t('errors.unknown', { code: 'INTERNAL' })
  const { code, details } = parsed.data
  const localized = Object.fromEntries(
    Object.entries(details ?? {}).map(([key, value]) => [key, localizeDetail(t, value)]),
  )
  return t(`errors.${code}`, { ...localized, defaultValue: t('errors.unknown', { code }) })
}

/**
 * The user's words for an error code alone, as the Dziennik zdarzeń keeps it (no details): what
 * the details would fill in is shown as "…".
 */
export function codeText(t: TFunction, code: string): string {
  const text = t(`errors.${code}`, { defaultValue: t('errors.unknown', { code }) })
  return text.replace(/\{\{\s*[\w.]+\s*\}\}/g, '…')
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/** "Nip 7740001454", as main names a context: its type code, a space, the identifier. */
const contextDetail = /^(\w+) (\S+)$/

/**
 * Details name environments by their codes ("Test/Demo"), contexts by their type codes ("Nip …")
 * and times as ISO strings; the user reads them in their language ("NIP …").
 */
function localizeDetail(t: TFunction, value: unknown): unknown {
  if (typeof value !== 'string') return value
  if (isoDateTime.test(value) && !Number.isNaN(Date.parse(value))) {
    return formatDateTime(value, i18n.language === 'en' ? 'en' : 'pl')
  }
  const context = contextDetail.exec(value)
  const contextType = TokenContext.shape.type.safeParse(context?.[1])
  if (context && contextType.success) return `${t(`identifier.${contextType.data}`)} ${context[2]}`
  const parts = value.split('/')
  if (!parts.every((part) => Environment.safeParse(part).success)) return value
  return parts.map((part) => t(`environment.${part}`)).join(' / ')
}
