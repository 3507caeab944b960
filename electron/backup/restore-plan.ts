// What a restore would change, worked out from the settings document and the backup's contents
// before anything is written: the preview shows it, and backup:restore carries it out in one
// settings write (restore-apply in backup-service.ts).
import {
  backupCompanyKey,
  preferencesConflictKey,
  type BackupPreview,
  type BackupRestoreResult,
  type ConflictResolution,
} from '../../shared/domain/backup'
import type { Company } from '../../shared/domain/company'
import type { CertificateSummary, TokenSummary } from '../../shared/domain/credentials'
import type { Identity, IdentityAssignment } from '../../shared/domain/identities'
import type { EnrollmentSummary } from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'
import { identityKeySecret } from '../identities/identity-repository'
import { enrollmentKeySecret } from '../vault/enrollment-repository'
import { certificateKeySecret, tokenSecret } from '../vault/secret-store'
import type { SettingsDocument } from '../vault/settings-document'
import type { BackupContents } from './backup-contents'

/** The backup's companies once each (a key seen twice keeps its first), with a company already here. */
function matchCompanies(document: SettingsDocument, contents: BackupContents) {
  const here = new Map(document.companies.map((company) => [backupCompanyKey(company), company]))
  const seen = new Set<string>()
  return contents.companies.flatMap((incoming) => {
    const key = backupCompanyKey(incoming)
    if (seen.has(key)) return []
    seen.add(key)
    return [{ key, incoming, existing: here.get(key) }]
  })
}

const samePreferences = (document: SettingsDocument, contents: BackupContents): boolean =>
  document.preferences.language === contents.preferences.language &&
  document.preferences.tokensAfter2026 === contents.preferences.tokensAfter2026

/** The keys that need keep or replace. */
export function conflictsOf(document: SettingsDocument, contents: BackupContents): string[] {
  const companies = matchCompanies(document, contents)
    .filter((match) => match.existing)
    .map((match) => match.key)
  return samePreferences(document, contents) ? companies : [...companies, preferencesConflictKey]
}

export function previewOf(
  document: SettingsDocument,
  contents: BackupContents,
  ids: { previewId: string; fileName: string },
): BackupPreview {
  const identityNames = new Map(contents.identities.map((i) => [i.id, i.name]))
  const fingerprintsHere = new Set(document.identities.map((i) => i.fingerprintSha256))
  return {
    ...ids,
    createdAt: contents.createdAt,
    appVersion: contents.appVersion,
    companies: matchCompanies(document, contents).map(({ key, incoming, existing }) => {
      const assignment = contents.identityAssignments.find((a) => a.companyId === incoming.id)
      return {
        companyKey: key,
        name: incoming.name,
        identifier: incoming.identifier,
        environment: incoming.environment,
        certificates: contents.certificates.filter((c) => c.companyId === incoming.id).length,
        tokens: contents.tokens.filter((t) => t.companyId === incoming.id).length,
        identityName: (assignment && identityNames.get(assignment.identityId)) ?? null,
        existing: existing ? { id: existing.id, name: existing.name } : null,
      }
    }),
    identities: contents.identities.map((identity) => ({
      name: identity.name,
      subjectIdentifier: identity.subjectIdentifier,
      environments: identity.environments,
      validTo: identity.validTo,
      alreadyHere: fingerprintsHere.has(identity.fingerprintSha256),
    })),
    certificates: contents.certificates.length,
    tokens: contents.tokens.length,
    preferencesDiffer: !samePreferences(document, contents),
    conflicts: conflictsOf(document, contents),
  }
}

export interface RestorePlan {
  document: SettingsDocument
  /** Sealed before the settings are written (nothing refers to them until then). */
  secretsToSet: Record<string, string>
  filesToWrite: Record<string, string>
  /** What the replaced companies held: removed once the settings are written. */
  secretsToDelete: string[]
  filesToRemove: string[]
  result: BackupRestoreResult
}

/**
 * The settings document after the restore, and the secrets and files to write and remove.
 * Every resolution must name a conflict and every conflict have one. The backup's certificates,
 * tokens, enrollments and identities get new ids here (their files and secrets are named by id,
 * and must never land on what is here); a company keeps its id unless one here has it, and a
 * replaced company keeps the id it has here (with its sessions: they are this computer's), its
 * stored credentials and identity exchanged for the backup's. An identity whose certificate is
 * here already (same fingerprint) is not stored twice: the restored companies use the one here.
 */
export function planRestore(
  document: SettingsDocument,
  contents: BackupContents,
  resolutions: Readonly<Record<string, ConflictResolution>>,
  newId: () => string,
  now: string,
): RestorePlan {
  const conflicts = conflictsOf(document, contents)
  for (const key of Object.keys(resolutions)) {
    if (!conflicts.includes(key)) {
      throw new AppError(
        'BACKUP_RESOLUTION_UNKNOWN',
        `"${key}" is not one of the conflicts of this backup: nothing was restored.`,
        { companyKey: key },
      )
    }
  }
  const unresolved = conflicts.filter((key) => resolutions[key] === undefined)
  if (unresolved.length > 0) {
    throw new AppError(
      'BACKUP_CONFLICT_UNRESOLVED',
      `Choose keep or replace for ${unresolved.length} ${unresolved.length === 1 ? 'company that is' : 'companies that are'} here already (${unresolved.join(', ')}): nothing was restored.`,
      { companyKeys: unresolved.join(', '), count: unresolved.length },
    )
  }

  const secretsToSet: Record<string, string> = {}
  const filesToWrite: Record<string, string> = {}
  const secretsToDelete: string[] = []
  const filesToRemove: string[] = []

  // Identities first: the companies' assignments point at them.
  const identityIds = new Map<string, string>()
  const identities: Identity[] = [...document.identities]
  let identitiesAdded = 0
  for (const identity of contents.identities) {
    const here = document.identities.find((i) => i.fingerprintSha256 === identity.fingerprintSha256)
    if (here) {
      identityIds.set(identity.id, here.id)
      continue
    }
    const id = newId()
    identityIds.set(identity.id, id)
    identities.push({ ...identity, id })
    identitiesAdded += 1
    const pem = contents.certificateFiles[identity.id]
    if (pem !== undefined) filesToWrite[id] = pem
    const key = contents.identityKeys[identity.id]
    if (key !== undefined) secretsToSet[identityKeySecret(id)] = key
  }

  const takenIds = new Set(document.companies.map((company) => company.id))
  const replacedIds = new Set<string>()
  const companies = new Map(document.companies.map((company) => [company.id, company]))
  const certificates: CertificateSummary[] = []
  const tokens: TokenSummary[] = []
  const enrollments: EnrollmentSummary[] = []
  const assignments: IdentityAssignment[] = []
  const result: BackupRestoreResult = {
    added: [],
    replaced: [],
    kept: [],
    identitiesAdded,
    certificates: 0,
    tokens: 0,
    preferences: 'same',
  }

  for (const { key, incoming, existing } of matchCompanies(document, contents)) {
    if (existing && resolutions[key] === 'keep') {
      result.kept.push(existing.id)
      continue
    }
    let target: Company
    if (existing) {
      target = { ...existing, name: incoming.name, updatedAt: now }
      replacedIds.add(existing.id)
      result.replaced.push(existing.id)
    } else {
      target = takenIds.has(incoming.id) ? { ...incoming, id: newId() } : incoming
      result.added.push(target.id)
    }
    companies.set(target.id, target)
    const certificateIds = new Map<string, string>()
    for (const certificate of contents.certificates.filter((c) => c.companyId === incoming.id)) {
      const id = newId()
      certificateIds.set(certificate.id, id)
      certificates.push({ ...certificate, id, companyId: target.id })
      const pem = contents.certificateFiles[certificate.id]
      if (pem !== undefined) filesToWrite[id] = pem
      const keyPem = contents.certificateKeys[certificate.id]
      if (keyPem !== undefined) secretsToSet[certificateKeySecret(target.id, id)] = keyPem
    }
    for (const token of contents.tokens.filter((t) => t.companyId === incoming.id)) {
      const id = newId()
      tokens.push({ ...token, id, companyId: target.id })
      const secret = contents.tokenSecrets[token.id]
      if (secret !== undefined) secretsToSet[tokenSecret(target.id, id)] = secret
    }
    for (const enrollment of contents.enrollments.filter((e) => e.companyId === incoming.id)) {
      const id = newId()
      const mapped = (certificateId: string | null) =>
        certificateId === null ? null : (certificateIds.get(certificateId) ?? null)
      enrollments.push({
        ...enrollment,
        id,
        companyId: target.id,
        certificateId: mapped(enrollment.certificateId),
        renews: mapped(enrollment.renews),
      })
      const keyPem = contents.enrollmentKeys[enrollment.id]
      if (keyPem !== undefined) secretsToSet[enrollmentKeySecret(target.id, id)] = keyPem
    }
    const assignment = contents.identityAssignments.find((a) => a.companyId === incoming.id)
    const identityId = assignment && identityIds.get(assignment.identityId)
    if (assignment && identityId) {
      assignments.push({ identityId, companyId: target.id, assignedAt: assignment.assignedAt })
    }
    result.certificates += certificateIds.size
    result.tokens += contents.tokens.filter((t) => t.companyId === incoming.id).length
  }

  // What the replaced companies held here goes: their settings records now, their files and
  // secrets after the settings are written.
  const replaced = <T extends { companyId: string }>(record: T) => replacedIds.has(record.companyId)
  for (const certificate of document.certificates.filter(replaced)) {
    filesToRemove.push(certificate.id)
    secretsToDelete.push(certificateKeySecret(certificate.companyId, certificate.id))
  }
  for (const token of document.tokens.filter(replaced)) {
    secretsToDelete.push(tokenSecret(token.companyId, token.id))
  }
  for (const enrollment of document.enrollments.filter(replaced)) {
    secretsToDelete.push(enrollmentKeySecret(enrollment.companyId, enrollment.id))
  }

  const preferencesReplaced = resolutions[preferencesConflictKey] === 'replace'
  if (conflicts.includes(preferencesConflictKey))
    result.preferences = preferencesReplaced ? 'replaced' : 'kept'
  const kept = <T extends { companyId: string }>(records: readonly T[]) =>
    records.filter((record) => !replaced(record))
  return {
    document: {
      ...document,
      preferences: preferencesReplaced ? contents.preferences : document.preferences,
      companies: [...companies.values()],
      certificates: [...kept(document.certificates), ...certificates],
      tokens: [...kept(document.tokens), ...tokens],
      enrollments: [...kept(document.enrollments), ...enrollments],
      identities,
      identityAssignments: [...kept(document.identityAssignments), ...assignments],
    },
    secretsToSet,
    filesToWrite,
    secretsToDelete,
    filesToRemove,
    result,
  }
}
