// The signed files of a batch, each matched to its company before anything is sent: by the
// challenge the app wrote into that company's request, and the context the request names. A file
// that cannot be run is set aside with the reason; a challenge that ran out marks it for
// Pobierz ponownie; files past the number of KSeF certificates their signer may hold are too.
import type { Company } from '../../shared/domain/company'
import type { FilePayload } from '../../shared/domain/credentials'
import { migrationCompanyOf, type MigrationRejectedFile } from '../../shared/domain/migration'
import { AppError } from '../../shared/ipc/errors'
import { checkSignedRequest } from '../auth/signed-request'
import type { Clock } from '../clock'
import { readAuthTokenRequest, type AuthTokenRequestSummary } from '../crypto/auth-token-request'
import { readCertificate } from '../crypto/certificates'
import { authTokenRequestText } from '../crypto/xml-text'
import type { AuthRepository } from '../vault/auth-repository'

export interface MatchedFile {
  company: Company
  file: FilePayload
}

export interface SignedFileDeps {
  companies: { list(): Company[] }
  auth: Pick<AuthRepository, 'findChallenge'>
  clock: Clock
}

const contextText = (request: AuthTokenRequestSummary) =>
  `${request.context.type} ${request.context.value}`

/** Each file either matched to one company (the first file of a company wins) or rejected. */
export function matchSignedFiles(
  deps: SignedFileDeps,
  files: readonly FilePayload[],
): { matched: MatchedFile[]; rejected: MigrationRejectedFile[] } {
  const companies = deps.companies.list()
  const matched = new Map<string, MatchedFile>()
  const signers = new Map<string, Signer | null>()
  const rejected: MigrationRejectedFile[] = []
  for (const file of files) {
    let company: Company | undefined
    try {
      const request = readAuthTokenRequest(authTokenRequestText(Buffer.from(file.base64, 'base64')))
      const known = deps.auth.findChallenge(request.challenge)
      const issuedFor = known && companies.find((c) => c.id === known.companyId)
      company = issuedFor ?? namedCompany(companies, request)
      // Checked as Zaloguj podpisanym żądaniem checks it: signed, this context, the challenge alive.
      checkSignedRequest(request, company, issuedFor ? known : undefined, deps.clock)
      if (!issuedFor) {
        throw new AppError(
          'MIGRATION_FILE_UNKNOWN_CHALLENGE',
          `This is not the latest request written for ${company.name}: it was used already or a newer one replaced it. Sign the latest request, or write a new one.`,
          { companyName: company.name },
        )
      }
      const taken = matched.get(company.id)
      if (taken) {
        throw new AppError(
          'MIGRATION_FILE_DUPLICATE',
          `A signed request of ${company.name} was loaded already (${taken.file.name}); this one was left out.`,
          { companyName: company.name, takenFile: taken.file.name },
        )
      }
      matched.set(company.id, { company, file })
      signers.set(company.id, signerOf(request))
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      rejected.push({
        fileName: file.name,
        company: company ? migrationCompanyOf(company) : null,
        expired: error.code === 'AUTH_REQUEST_CHALLENGE_EXPIRED',
        error: error.toPayload(),
      })
    }
  }
  return { matched: withinSignerLimits([...matched.values()], signers, rejected), rejected }
}

interface Signer {
  /** Whom KSeF counts the certificates of: a NIP, a PESEL, or a certificate by its fingerprint. */
  kind: keyof typeof activeCertificateLimits
  value: string
  limit: number
}

const signerWords = { Nip: 'NIP', Pesel: 'PESEL', Fingerprint: 'the certificate' } as const

/**
 * KSeF's limit of active KSeF certificates per authenticated subject (REFERENCE.md §4.1, from
 * limity.md): each company moved enrolls one in the name of whoever signed its request.
 */
const activeCertificateLimits = { Nip: 100, Pesel: 6, Fingerprint: 6 } as const

/** Whom the KSeF certificates of a signed file would be issued to; null when it cannot be told. */
function signerOf(request: AuthTokenRequestSummary): Signer | null {
  if (request.signerCertificate === null) return null
  let certificate
  try {
    certificate = readCertificate(Buffer.from(request.signerCertificate, 'base64'))
  } catch {
    // KSeF refuses the login with its own code; there is no limit to count against.
    return null
  }
  const { identifier } = certificate
  const kind = identifier?.type ?? 'Fingerprint'
  const value = identifier?.value ?? certificate.fingerprintSha256.slice(0, 16)
  return { kind, value, limit: activeCertificateLimits[kind] }
}

/**
 * The files past their signer's limit, in the order loaded, are set aside unsent: their
 * enrollments could only be refused (25007), each spending one of the signer's enrollments.
 */
function withinSignerLimits(
  matched: readonly MatchedFile[],
  signers: ReadonlyMap<string, Signer | null>,
  rejected: MigrationRejectedFile[],
): MatchedFile[] {
  const counts = new Map<string, number>()
  const key = (signer: Signer) => `${signer.kind} ${signer.value}`
  for (const signer of signers.values()) {
    if (signer) counts.set(key(signer), (counts.get(key(signer)) ?? 0) + 1)
  }
  const taken = new Map<string, number>()
  return matched.filter(({ company, file }) => {
    const signer = signers.get(company.id)
    if (!signer) return true
    const place = (taken.get(key(signer)) ?? 0) + 1
    taken.set(key(signer), place)
    if (place <= signer.limit) return true
    const count = counts.get(key(signer)) ?? place
    rejected.push({
      fileName: file.name,
      company: migrationCompanyOf(company),
      expired: false,
      error: new AppError(
        'MIGRATION_SIGNER_LIMIT',
        `${signerWords[signer.kind]} ${signer.value} signed ${count} of these requests, and KSeF lets one subject hold at most ${signer.limit} active KSeF certificates: ${company.name} was not moved. Sign its request with the company's own seal or another person's signature, or assign it an identity (Tożsamości).`,
        {
          companyName: company.name,
          signerType: signer.kind,
          signer: signer.value,
          count,
          limit: signer.limit,
        },
      ).toPayload(),
    })
    return false
  })
}

/** The company of the context a request names, when the app holds its challenge for none. */
function namedCompany(companies: readonly Company[], request: AuthTokenRequestSummary): Company {
  const named = companies.find(
    (c) =>
      c.identifier.type === request.context.type && c.identifier.value === request.context.value,
  )
  if (named) return named
  throw new AppError(
    'MIGRATION_FILE_NO_COMPANY',
    `The signed request is for ${contextText(request)}, which no company on the list has.`,
    { requestContext: contextText(request) },
  )
}
