import type { TokenPermission } from '../../../../shared/domain/credentials'

/** The order of the MF web app's "Generowanie tokena" form, then the ones it does not list. */
export const permissionOrder: readonly TokenPermission[] = [
  'InvoiceWrite',
  'InvoiceRead',
  'CredentialsRead',
  'CredentialsManage',
  'SubunitManage',
  'EnforcementOperations',
  'Introspection',
  'CollectiveIdentifierManage',
]

/** The common cases the help pages start from: reading invoices; sending and reading them. */
export const permissionPresets = [
  { id: 'readInvoices', permissions: ['InvoiceRead'] },
  { id: 'sendAndReadInvoices', permissions: ['InvoiceWrite', 'InvoiceRead'] },
] as const satisfies readonly { id: string; permissions: readonly TokenPermission[] }[]
