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

interface Identifier {
  type: string
  value: string
}

/**
 * Whether every listed author could be the session's own subject, as KSeF counts "tokens you
 * authored" for a session without CredentialsRead or CredentialsManage (REFERENCE §5, API
 * 2.4.0): a NIP with every PESEL linked to it, or a PESEL with the one NIP it is linked to. So a
 * session that is shown a second NIP, a second PESEL beside a PESEL subject, or a fingerprint
 * beside anyone else is shown tokens that are not its own. The links themselves are KSeF's;
 * not knowing them, only what no link can explain counts.
 */
function couldAllBeOwn(authors: readonly Identifier[], subject: Identifier | null): boolean {
  const identifiers = new Map<string, Identifier>()
  for (const id of subject ? [subject, ...authors] : authors) {
    identifiers.set(`${id.type}|${id.value}`, id)
  }
  const all = [...identifiers.values()]
  const count = (type: string) => all.filter((id) => id.type === type).length
  if (all.some((id) => id.type !== 'Nip' && id.type !== 'Pesel')) return all.length === 1
  if (count('Nip') > 1) return false
  return subject?.type !== 'Pesel' || count('Pesel') === 1
}

/**
 * What KSeF lets the session see of the context's tokens (GET /tokens, REFERENCE §5): every
 * token with CredentialsRead or CredentialsManage; after a token login without them only that
 * token; after a signature login without them only the tokens its subject authored. KSeF does
 * not say which applies, and the access token's claims are not documented, so it is inferred,
 * claiming 'all' only on proof: a notice shown needlessly misleads less than a list that
 * passes for whole and is not:
 * - a token login: the token's permissions (kept since it was generated, or read from KSeF's
 *   list), or a page listing two tokens — a token session without them is shown one;
 * - a certificate login of the company's own NIP is its owner's, who holds every permission;
 * - any signature login shown a token of the company's own NIP: its owner sees everything,
 *   and anyone else sees it only with CredentialsRead (one linked to that NIP is its owner) —
 *   the common case of a grantee, an accountant, reading the owner's tokens;
 * - any signature login: a page listing a token no subject of this session could have
 *   authored (`couldAllBeOwn`).
 * The session's subject is the certificate that opened it (else the default Authentication
 * certificate, the one a login uses); a signed request's signer is not known here.
 */
export function tokenVisibility(facts: {
  company: Company
  method: LoginMethod
  loginToken: TokenSummary | undefined
  loginCertificate: CertificateSummary | undefined
  listed: readonly KsefTokenItem[]
}): KsefTokenPage['visibility'] {
  const { company, method, loginToken, loginCertificate, listed } = facts
  if (method === 'token') {
    const shown = new Set(listed.map((item) => item.referenceNumber))
    return shown.size > 1 || (loginToken && seesAll(loginToken.permissions))
      ? 'all'
      : 'sessionToken'
  }
  const subject = method === 'certificate' ? (loginCertificate?.subjectIdentifier ?? null) : null
  const owner =
    company.identifier.type === 'Nip' &&
    subject?.type === 'Nip' &&
    subject.value === company.identifier.value
  const authors = listed.map((item) => item.authorIdentifier)
  const ownersToken = authors.some(
    (author) =>
      author.type === company.identifier.type && author.value === company.identifier.value,
  )
  return owner || ownersToken || !couldAllBeOwn(authors, subject) ? 'all' : 'ownOnly'
}
