// The signed files of a batch, each matched to its company before anything is sent: by the
// challenge the app wrote into that company's request, and the context the request names. A file
// that cannot be run is set aside with the reason; a challenge that ran out marks it for
// Pobierz ponownie.
import type { Company } from '../../shared/domain/company'
import type { FilePayload } from '../../shared/domain/credentials'
import { migrationCompanyOf, type MigrationRejectedFile } from '../../shared/domain/migration'
import { AppError } from '../../shared/ipc/errors'
import { checkSignedRequest } from '../auth/signed-request'
import type { Clock } from '../clock'
import { readAuthTokenRequest, type AuthTokenRequestSummary } from '../crypto/auth-token-request'
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
  return { matched: [...matched.values()], rejected }
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
