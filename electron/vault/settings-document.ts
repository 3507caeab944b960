import { z } from 'zod'
import { Company } from '../../shared/domain/company'
import { CertificateSummary, TokenSummary } from '../../shared/domain/credentials'
import { EnrollmentSummary } from '../../shared/domain/ksef-certificates'
import { Preferences, defaultPreferences } from '../../shared/domain/preferences'
import { AuthDocument } from './auth-repository'

/** Everything non-secret the app keeps on disk, in one JSON document. */
export const SettingsDocument = z.object({
  schemaVersion: z.literal(1).default(1),
  preferences: Preferences.default(defaultPreferences),
  companies: z.array(Company).default([]),
  certificates: z.array(CertificateSummary).default([]),
  tokens: z.array(TokenSummary).default([]),
  auth: AuthDocument.default(AuthDocument.parse({})),
  /** Wnioski o certyfikat kept from before they are sent until retrieved (or refused). */
  enrollments: z.array(EnrollmentSummary).default([]),
})
export type SettingsDocument = z.infer<typeof SettingsDocument>

export const emptySettings = (): SettingsDocument => SettingsDocument.parse({})
