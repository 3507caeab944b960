// Before Tożsamości, an office's certificate was imported for each client company with the consent
// "the subject it names has permissions in this company" (CERT_SUBJECT_OTHER_NIP allowed). Such a
// certificate is what an identity is now: at start it moves into that model, without loss.
import type { Company } from '../../shared/domain/company'
import type { CertificateSummary } from '../../shared/domain/credentials'
import type { Identity, IdentityAssignment } from '../../shared/domain/identities'
import { certificateEnvironments } from '../credentials/certificate-environments'
import { companyNip } from '../credentials/certificate-import'
import { readCertificate } from '../crypto/certificates'
import type { Logger } from '../log'
import type { CertificateFiles } from '../vault/certificate-files'
import { certificateKeySecret, type SecretStore } from '../vault/secret-store'
import type { SettingsStore } from '../vault/settings-store'
import { identityKeySecret } from './identity-repository'

export interface IdentityMigrationDeps {
  settings: SettingsStore
  secrets: Pick<SecretStore, 'get' | 'set' | 'delete'>
  certificateFiles: CertificateFiles
  log: Logger
}

/** An Authentication certificate naming a NIP other than its company's: stored with the consent. */
const namesOtherNip = (certificate: CertificateSummary, company: Company): boolean =>
  certificate.kind === 'Authentication' &&
  certificate.subjectIdentifier?.type === 'Nip' &&
  certificate.subjectIdentifier.value !== companyNip(company)

/**
 * Each such certificate becomes an identity assigned to its company; the same certificate stored
 * for several companies becomes one identity assigned to them all. Its key is sealed again under
 * the identity (the same value), its file stays where it is (the identity takes its id). A company
 * keeps what logged it in: a default certificate leaves no own default behind, so the identity
 * logs it in; one that was not the default leaves the company's own default in charge. Per company
 * one such certificate moves (the default, else the newest); a company that has an identity
 * already, or a certificate whose file or key is gone, is left as it was. Safe to run again after
 * a crash: the keys are sealed before the one settings write, the old ones removed after it.
 * A file with nothing to move is left untouched (and read again at the next start); the write that
 * moves something marks the file done. Returns how many certificates moved.
 */
export async function migrateOtherSubjectCertificates(
  deps: IdentityMigrationDeps,
): Promise<number> {
  const document = deps.settings.read()
  if (document.identitiesMigrated) return 0
  const companies = new Map(document.companies.map((c) => [c.id, c]))
  const withIdentity = new Set(document.identityAssignments.map((a) => a.companyId))
  const chosen = new Map<string, CertificateSummary>()
  for (const certificate of document.certificates) {
    const company = companies.get(certificate.companyId)
    if (!company || withIdentity.has(company.id) || !namesOtherNip(certificate, company)) continue
    const earlier = chosen.get(company.id)
    const better =
      !earlier ||
      (certificate.isDefault && !earlier.isDefault) ||
      (certificate.isDefault === earlier.isDefault && certificate.addedAt > earlier.addedAt)
    if (better) chosen.set(company.id, certificate)
  }
  if (chosen.size === 0) return 0

  const identities = [...document.identities]
  const assignments: IdentityAssignment[] = []
  const moved: CertificateSummary[] = []
  for (const certificate of chosen.values()) {
    const key = await deps.secrets.get(certificateKeySecret(certificate.companyId, certificate.id))
    if (key === undefined) continue
    let identity = identities.find((i) => i.fingerprintSha256 === certificate.fingerprintSha256)
    if (!identity) {
      let environments: Identity['environments']
      try {
        const info = readCertificate(await deps.certificateFiles.read(certificate.id))
        environments = [...certificateEnvironments(info).environments]
      } catch {
        continue
      }
      await deps.secrets.set(identityKeySecret(certificate.id), key)
      identity = {
        id: certificate.id,
        name: certificate.name,
        kind: certificate.kind,
        serialNumber: certificate.serialNumber,
        subject: certificate.subject,
        subjectIdentifier: certificate.subjectIdentifier,
        issuer: certificate.issuer,
        issuerKind: certificate.issuerKind,
        environments,
        validFrom: certificate.validFrom,
        validTo: certificate.validTo,
        fingerprintSha256: certificate.fingerprintSha256,
        keyAlgorithm: certificate.keyAlgorithm,
        addedAt: certificate.addedAt,
        ksefStatus: certificate.ksefStatus,
      }
      identities.push(identity)
    }
    assignments.push({
      identityId: identity.id,
      companyId: certificate.companyId,
      assignedAt: certificate.addedAt,
    })
    moved.push(certificate)
  }
  if (moved.length === 0) return 0

  const movedIds = new Set(moved.map((c) => c.id))
  deps.settings.write({
    ...document,
    certificates: document.certificates.filter((c) => !movedIds.has(c.id)),
    identities,
    identityAssignments: [...document.identityAssignments, ...assignments],
    identitiesMigrated: true,
  })
  const identityIds = new Set(identities.map((i) => i.id))
  for (const certificate of moved) {
    await deps.secrets.delete(certificateKeySecret(certificate.companyId, certificate.id))
    if (!identityIds.has(certificate.id)) await deps.certificateFiles.remove(certificate.id)
  }
  deps.log.info('certificates of other subjects moved to identities', {
    certificates: moved.length,
    identities: identities.length - document.identities.length,
  })
  return moved.length
}
