import type { EnrollmentSummary } from '../../shared/domain/ksef-certificates'
import { companySecretPrefix } from './secret-store'
import type { SettingsStore } from './settings-store'

// Wnioski o certyfikat, per company, in the settings file: nothing secret. The private key made
// for an enrollment is sealed in the SecretStore under the enrollment's id before the request is
// sent, and moves to the certificate once it is retrieved (or goes when KSeF refuses).

/** Under the company's prefix, so removing the company removes a key still waiting too. */
export const enrollmentKeySecret = (companyId: string, enrollmentId: string): string =>
  `${companySecretPrefix(companyId)}enrollment/${enrollmentId}/key`

export class EnrollmentRepository {
  constructor(private readonly settings: SettingsStore) {}

  /** Newest first. */
  enrollments(companyId: string): EnrollmentSummary[] {
    return this.settings
      .read()
      .enrollments.filter((e) => e.companyId === companyId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  enrollment(companyId: string, id: string): EnrollmentSummary | undefined {
    return this.enrollments(companyId).find((e) => e.id === id)
  }

  /** Inserts or replaces. */
  save(enrollment: EnrollmentSummary): EnrollmentSummary {
    const document = this.settings.read()
    this.settings.write({
      ...document,
      enrollments: [
        ...document.enrollments.filter(
          (e) => !(e.companyId === enrollment.companyId && e.id === enrollment.id),
        ),
        enrollment,
      ],
    })
    return enrollment
  }

  remove(companyId: string, id: string): void {
    const document = this.settings.read()
    this.settings.write({
      ...document,
      enrollments: document.enrollments.filter((e) => !(e.companyId === companyId && e.id === id)),
    })
  }

  /** Forgets every enrollment of a company (its keys go with the company's secrets). */
  removeCompany(companyId: string): void {
    const document = this.settings.read()
    this.settings.write({
      ...document,
      enrollments: document.enrollments.filter((e) => e.companyId !== companyId),
    })
  }
}
