// Przejście na certyfikaty: KSeF tokens may be used until 31 December 2026. A company that logs in
// only with a token gets an unsigned AuthTokenRequest, signed by the user in their own tool; the
// signed file logs it in, and that session enrolls an Authentication certificate, which becomes
// the company's default, and (if chosen) revokes the token.
import { z } from 'zod'
import { AppErrorPayload } from '../ipc/errors'
import { CompanyIdentifier, Id, type Company } from './company'
import { SavedFile } from './ksef-certificates'
import { Environment } from './environment'
import type { LoginCredential } from './login-credential'

/**
 * The one rule of "logs in only with a token": what logs it in is its default token
 * (loginCredentialOf), and no identity is assigned to it.
 */
export const logsInOnlyWithToken = (credential: LoginCredential, identityAssigned: boolean) =>
  credential.kind === 'token' && !identityAssigned

/** Why a company is not one to move: it logs in with a certificate, an identity, or nothing. */
export const MigrationSkipReason = z.enum(['certificate', 'identity', 'none'])
export type MigrationSkipReason = z.infer<typeof MigrationSkipReason>

export const MigrationCompany = z.object({
  companyId: Id,
  name: z.string(),
  identifier: CompanyIdentifier,
  environment: Environment,
})
export type MigrationCompany = z.infer<typeof MigrationCompany>

export const migrationCompanyOf = (company: Company): MigrationCompany => ({
  companyId: company.id,
  name: company.name,
  identifier: company.identifier,
  environment: company.environment,
})

/** Step 1: of the companies asked about, those to move and why the others are not. */
export const MigrationCandidates = z.object({
  /** tokenLabel: the description of the token that logs it in, or its masked form. */
  companies: z.array(MigrationCompany.extend({ tokenLabel: z.string() })),
  skipped: z.array(MigrationCompany.extend({ reason: MigrationSkipReason })),
})
export type MigrationCandidates = z.infer<typeof MigrationCandidates>

/** Zapisz wnioski: one unsigned request per company, named by its identifier, one countdown. */
export const MigrationRequests = z.object({
  requests: z.array(MigrationCompany.extend({ fileName: z.string(), expiresAt: z.iso.datetime() })),
  /** When the first challenge of the batch runs out: the batch's countdown. */
  expiresAt: z.iso.datetime(),
  /** Where the files went (saved: false when the user cancelled the choice of folder). */
  files: z.array(SavedFile),
})
export type MigrationRequests = z.infer<typeof MigrationRequests>

/** What is done for each company, in this order. */
export const MigrationStep = z.enum(['login', 'enroll', 'retrieve', 'default', 'revokeToken'])
export type MigrationStep = z.infer<typeof MigrationStep>

export const MigrationStepState = z.enum(['waiting', 'working', 'ok', 'failed', 'skipped'])
export type MigrationStepState = z.infer<typeof MigrationStepState>

/** One company of the signed batch: every step's state, and what it left behind. */
export const MigrationCompanyResult = MigrationCompany.extend({
  fileName: z.string(),
  steps: z.record(MigrationStep, MigrationStepState),
  /** The step that failed and its error (with KSeF's code); the steps after it were not tried. */
  failure: z.object({ step: MigrationStep, error: AppErrorPayload }).nullable(),
  /** The certificate stored for the company, once retrieved. */
  certificate: z
    .object({ id: Id, name: z.string(), serialNumber: z.string(), isDefault: z.boolean() })
    .nullable(),
})
export type MigrationCompanyResult = z.infer<typeof MigrationCompanyResult>

export const migrationSteps = MigrationStep.options

/** A loaded file that was not run: why, and its company when the file names one. */
export const MigrationRejectedFile = z.object({
  fileName: z.string(),
  company: MigrationCompany.nullable(),
  /** Its challenge ran out: Pobierz ponownie writes a fresh request for the company. */
  expired: z.boolean(),
  error: AppErrorPayload,
})
export type MigrationRejectedFile = z.infer<typeof MigrationRejectedFile>

export const MigrationOutcome = z.object({
  /** The bulk job the matched companies ran in (listed with the other jobs); null when none matched. */
  jobId: Id.nullable(),
  results: z.array(MigrationCompanyResult),
  rejected: z.array(MigrationRejectedFile),
})
export type MigrationOutcome = z.infer<typeof MigrationOutcome>

/** Pushed as each company's steps move, so the rows show progress while the batch runs. */
export const MigrationProgress = MigrationCompanyResult
export type MigrationProgress = z.infer<typeof MigrationProgress>
