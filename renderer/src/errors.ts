import type { TFunction } from 'i18next'
import { AppErrorPayload } from '../../shared/ipc/errors'

/** The user's words for an error (an AppError or its payload): its code's translation, filled with its details. */
export function errorText(t: TFunction, error: unknown): string {
  const parsed = AppErrorPayload.safeParse(error)
  if (!parsed.success) return t('errors.unknown', { code: 'INTERNAL' })
  const { code, details } = parsed.data
  return t(`errors.${code}`, { ...details, defaultValue: t('errors.unknown', { code }) })
}
