import type { BulkActionInput } from '../../../../shared/domain/bulk'

export type StartableBulkAction = BulkActionInput['action']

/** The Pulpit's bulk actions, in the menu's order. */
export const startableBulkActions: readonly StartableBulkAction[] = [
  'check',
  'login',
  'logout',
  'generateTokens',
  'revokeTokens',
  'renewCertificates',
]
