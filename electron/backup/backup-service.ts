import { randomUUID } from 'node:crypto'
import {
  backupPassphraseProblem,
  backupPassphraseRules,
  type BackupPreview,
  type BackupRestoreResult,
  type ConflictResolution,
} from '../../shared/domain/backup'
import type { SavedFile } from '../../shared/domain/ksef-certificates'
import { AppError, isAppError } from '../../shared/ipc/errors'
import type { AuditSink } from '../audit/audit-sink'
import type { Clock } from '../clock'
import type { FileSaver } from '../files/file-saver'
import type { Logger } from '../log'
import type { CertificateFiles } from '../vault/certificate-files'
import type { SecretStore } from '../vault/secret-store'
import type { SettingsStore } from '../vault/settings-store'
import { BackupContents, collectBackup } from './backup-contents'
import { corrupt, openBackup, sealBackup } from './backup-file'
import { planRestore, previewOf, type RestorePlan } from './restore-plan'

export interface BackupDeps {
  settings: SettingsStore
  secrets: SecretStore
  certificateFiles: CertificateFiles
  files: FileSaver
  clock: Clock
  log: Logger
  audit: AuditSink
  appVersion: string
  /** A login of the company is under way: it would write its session over a replaced company. */
  isBusy: (companyId: string) => boolean
  /** Told once a restore is written (the page's company list, the badges). */
  restored: () => void
}

/** A preview is read with its passphrase and kept in main until restored, for this long. */
const previewLifetimeMs = 30 * 60_000

interface PendingPreview {
  id: string
  fileName: string
  contents: BackupContents
  readAt: number
}

/**
 * Kopia zapasowa: everything of the data folder worth restoring elsewhere, sealed with a
 * passphrase into one file (backup-file.ts), and its restore: a preview first, then, at the
 * user's word, one settings write. The passphrase is used and forgotten: never logged, never
 * in an error or the audit log.
 */
export class BackupService {
  readonly #deps: BackupDeps
  /** One preview at a time: the latest read replaces the one before (and its secrets). */
  #pending: PendingPreview | undefined

  constructor(deps: BackupDeps) {
    this.#deps = deps
  }

  async create(passphrase: string): Promise<SavedFile[]> {
    checkPassphrase(passphrase)
    const { settings, secrets, certificateFiles, clock, appVersion } = this.#deps
    const createdAt = new Date(clock.now()).toISOString()
    try {
      const contents = await collectBackup(
        settings.read(),
        { secrets, certificateFiles },
        { createdAt, appVersion },
      )
      const sealed = await sealBackup(Buffer.from(JSON.stringify(contents), 'utf8'), passphrase)
      const saved = await this.#deps.files.save([
        {
          name: `kopia-ksef-desk-${createdAt.slice(0, 10)}.ksefbackup`,
          bytes: sealed,
          mode: 0o600,
        },
      ])
      if (saved.some((file) => file.saved)) {
        this.#deps.audit.record({
          action: 'backup.create',
          result: 'ok',
          note: `${contents.companies.length} companies, ${contents.identities.length} identities, ${contents.certificates.length} certificates, ${contents.tokens.length} tokens`,
        })
      }
      return saved
    } catch (error) {
      this.#deps.audit.record({
        action: 'backup.create',
        result: 'failed',
        errorCode: isAppError(error) ? error.code : 'INTERNAL',
      })
      throw error
    }
  }

  /** Reads the backup with its passphrase; changes nothing. */
  async preview(file: { name: string; bytes: Buffer }, passphrase: string): Promise<BackupPreview> {
    const contents = parseContents(await openBackup(file.bytes, passphrase))
    const pending = {
      id: randomUUID(),
      fileName: file.name,
      contents,
      readAt: this.#deps.clock.now(),
    }
    this.#pending = pending
    return previewOf(this.#deps.settings.read(), contents, {
      previewId: pending.id,
      fileName: file.name,
    })
  }

  /** What the preview named, with the user's keep or replace for each conflict, in one write. */
  async restore(
    previewId: string,
    resolutions: Readonly<Record<string, ConflictResolution>>,
  ): Promise<BackupRestoreResult> {
    const pending = this.#pending
    if (
      !pending ||
      pending.id !== previewId ||
      this.#deps.clock.now() - pending.readAt > previewLifetimeMs
    ) {
      throw new AppError(
        'BACKUP_PREVIEW_NOT_FOUND',
        'This preview is no longer here (restored, replaced by another, or older than 30 minutes): open the backup again.',
      )
    }
    const { settings, clock } = this.#deps
    const plan = planRestore(
      settings.read(),
      pending.contents,
      resolutions,
      randomUUID,
      new Date(clock.now()).toISOString(),
    )
    const busy = plan.result.replaced.find((id) => this.#deps.isBusy(id))
    if (busy !== undefined) {
      throw new AppError(
        'AUTH_IN_PROGRESS',
        'A login of a company the backup replaces is under way: restore when it ends.',
      )
    }
    try {
      await this.#apply(plan)
    } catch (error) {
      this.#deps.audit.record({
        action: 'backup.restore',
        result: 'failed',
        errorCode: isAppError(error) ? error.code : 'INTERNAL',
      })
      throw error
    }
    this.#pending = undefined
    const { result } = plan
    this.#deps.log.info('backup restored', {
      added: result.added.length,
      replaced: result.replaced.length,
      kept: result.kept.length,
    })
    this.#deps.audit.record({
      action: 'backup.restore',
      result: 'ok',
      note: `from ${pending.contents.createdAt}: ${result.added.length} added, ${result.replaced.length} replaced, ${result.kept.length} kept, ${result.identitiesAdded} identities, ${result.certificates} certificates, ${result.tokens} tokens`,
    })
    this.#deps.restored()
    return result
  }

  /**
   * Secrets and files first (nothing refers to them yet), undone if a later step fails; then the
   * one settings write; last, what the replaced companies held. A crash before the settings
   * write leaves only unreferenced secrets and files; after it, at worst the replaced ones'.
   */
  async #apply(plan: RestorePlan): Promise<void> {
    const { settings, secrets, certificateFiles } = this.#deps
    const written: string[] = []
    await secrets.setMany(plan.secretsToSet)
    try {
      for (const [id, pem] of Object.entries(plan.filesToWrite)) {
        await certificateFiles.write(id, pem)
        written.push(id)
      }
      settings.write(plan.document)
    } catch (error) {
      for (const id of written) await certificateFiles.remove(id)
      await secrets.deleteMany(Object.keys(plan.secretsToSet))
      throw error
    }
    // Written from here on (a failed disk write is retried and told by the store itself).
    await settings.flush()
    await secrets.deleteMany(plan.secretsToDelete)
    for (const id of plan.filesToRemove) await certificateFiles.remove(id)
  }
}

function checkPassphrase(passphrase: string): void {
  const problem = backupPassphraseProblem(passphrase)
  if (problem === 'BACKUP_PASSPHRASE_TOO_SHORT') {
    throw new AppError(
      problem,
      `The backup's passphrase must have at least ${backupPassphraseRules.minLength} characters.`,
      { minLength: backupPassphraseRules.minLength },
    )
  }
  if (problem === 'BACKUP_PASSPHRASE_TOO_LONG') {
    throw new AppError(
      problem,
      `The backup's passphrase may have at most ${backupPassphraseRules.maxLength} characters.`,
      { maxLength: backupPassphraseRules.maxLength },
    )
  }
}

/** The opened bytes are authenticated: contents that do not read are a file made otherwise. */
function parseContents(bytes: Buffer): BackupContents {
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw corrupt()
  }
  const parsed = BackupContents.safeParse(json)
  if (!parsed.success) throw corrupt()
  return parsed.data
}
