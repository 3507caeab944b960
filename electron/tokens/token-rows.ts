import type { LoginMethod } from '../../shared/domain/auth'
import type { Company } from '../../shared/domain/company'
import {
  TokenPermission,
  type CertificateSummary,
  type TokenSummary,
} from '../../shared/domain/credentials'
import type { KsefTokenPage, KsefTokenRow } from '../../shared/domain/ksef-tokens'
import type { TokenStatus } from '../ksef/tokens'

/** GET /tokens items and GET /tokens/{ref} have one shape. */
export type KsefTokenItem = TokenStatus

/** Permissions of the contract only: one KSeF adds later is left out rather than break the row. */
export const knownPermissions = (permissions: readonly string[]): TokenPermission[] =>
  permissions.flatMap((permission) => {
    const known = TokenPermission.safeParse(permission)
    return known.success ? [known.data] : []
  })

export function tokenRow(item: KsefTokenItem, stored: TokenSummary | undefined): KsefTokenRow {
  return {
    referenceNumber: item.referenceNumber,
    description: item.description,
    permissions: knownPermissions(item.requestedPermissions),
    status: item.status,
    author: { type: item.authorIdentifier.type, value: item.authorIdentifier.value },
    context: { type: item.contextIdentifier.type, value: item.contextIdentifier.value },
    dateCreated: item.dateCreated,
    lastUseDate: item.lastUseDate ?? null,
    statusDetails: item.statusDetails ?? [],
    stored: stored ?? null,
  }
}

const seesAll = (permissions: readonly TokenPermission[]): boolean =>
  permissions.includes('CredentialsRead') || permissions.includes('CredentialsManage')

/**
 * What KSeF lets the session see of the context's tokens (GET /tokens, REFERENCE §5), from what
 * this computer knows of the session — KSeF does not say, and the access token's claims are not
 * documented. A token login holds the token's permissions (read from KSeF's list or kept since
 * it was generated); a certificate login of the company's own NIP is its owner's, who holds
 * them all; any other signature login is taken to see its own tokens only.
 */
export function tokenVisibility(facts: {
  company: Company
  method: LoginMethod
  loginToken: TokenSummary | undefined
  loginCertificate: CertificateSummary | undefined
}): KsefTokenPage['visibility'] {
  const { company, method, loginToken, loginCertificate } = facts
  if (method === 'token')
    return loginToken && seesAll(loginToken.permissions) ? 'all' : 'sessionToken'
  const subject = loginCertificate?.subjectIdentifier
  const owner =
    method === 'certificate' &&
    company.identifier.type === 'Nip' &&
    subject?.type === 'Nip' &&
    subject.value === company.identifier.value
  return owner ? 'all' : 'ownOnly'
}
