import type { TFunction } from 'i18next'
import { Environment } from '../../shared/domain/environment'
import { AppErrorPayload } from '../../shared/ipc/errors'

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

/** Details name environments by their codes ("Test/Demo"); the user reads them in their language. */
function localizeDetail(t: TFunction, value: unknown): unknown {
  if (typeof value !== 'string') return value
  const parts = value.split('/')
  if (!parts.every((part) => Environment.safeParse(part).success)) return value
  return parts.map((part) => t(`environment.${part}`)).join(' / ')
}
