import { userInfo } from 'node:os'
import {
  AuditEvent,
  type AuditCompany,
  type AuditEntry,
  type AuditFilter,
  type AuditListing,
  type AuditRow,
  type AuditVerdict,
} from '../../shared/domain/audit'
import type { SavedFile } from '../../shared/domain/ksef-certificates'
import { AppError, isAppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import type { FileSaver } from '../files/file-saver'
import type { Logger } from '../log'
import type { NoticeBoard } from '../notices'
import type { CompanyRepository } from '../vault/company-repository'
import type { SecretStore } from '../vault/secret-store'
import {
  auditLine,
  genesisHash,
  lastOf,
  readRows,
  splitLines,
  verifyChain,
  AuditSeal,
} from './audit-chain'
import { auditCsv } from './audit-csv'
import type { AuditFile } from './audit-file'
import type { AuditSink } from './audit-sink'
import { looksLikeSecret } from './secret-shape'

/** The vault's entry that seals the log's last line. */
export const auditSealSecret = 'audit/head'

export interface AuditLogDeps {
  file: AuditFile
  secrets: SecretStore
  companies: CompanyRepository
  clock: Clock
  log: Logger
  notices: NoticeBoard
  /** Who is logged in to the computer: each entry names them. */
  osUser: string
  /** Where Eksportuj CSV puts the file. */
  files: FileSaver
}

/** The name of the OS user the app runs as; a system that tells none is named so. */
export function osUserName(): string {
  try {
    return userInfo().username
  } catch {
    return 'unknown'
  }
}

type Pending = Omit<AuditEntry, 'line' | 'prev'>

/**
 * Dziennik zdarzeń: audit.jsonl, append-only, each line carrying the hash of the line before and
 * its own; the last line's hash is sealed in the vault, so a line edited, removed or cut off is
 * found by verify. `record` returns at once: entries are queued and written in order, several to
 * one append and one seal; a write that fails is told as a notice and never fails the action.
 */
export class AuditLog implements AuditSink {
  readonly #deps: AuditLogDeps
  #pending: Pending[] = []
  #queue: Promise<unknown> = Promise.resolve()
  /** Where the next line continues the chain from; read at the first write. */
  #tail: AuditSeal | undefined
  #failureTold = false

  constructor(deps: AuditLogDeps) {
    this.#deps = deps
  }

  /**
   * Queues one entry. `known` is the company as it was before the action, for one the action
   * removes; otherwise the company is looked up now.
   */
  record(event: AuditEvent, known?: AuditCompany): void {
    const parsed = AuditEvent.safeParse(event)
    if (!parsed.success) {
      this.#deps.log.error('audit event refused', {
        issue: parsed.error.issues[0]?.path.join('.') ?? '',
      })
      return
    }
    const { action, result, companyId, errorCode, ksefCodeKind, ksefCode, jobId, note } =
      parsed.data
    // A note shaped like a key or a token is a caller's mistake: the entry goes without it.
    const withheld = note !== undefined && looksLikeSecret(note)
    if (withheld) this.#deps.log.error('audit note withheld', { action })
    this.#pending.push({
      time: new Date(this.#deps.clock.now()).toISOString(),
      action,
      result,
      company: companyId === undefined ? null : (known ?? this.#company(companyId)),
      osUser: this.#deps.osUser,
      errorCode: errorCode ?? null,
      ksefCodeKind: ksefCode === undefined ? null : (ksefCodeKind ?? null),
      ksefCode: ksefCode ?? null,
      jobId: jobId ?? null,
      note: withheld ? null : (note ?? null),
    })
    if (this.#pending.length === 1) void this.#serial(() => this.#write())
  }

  /** The company as the log names it: its identifier and name now. */
  companyOf(companyId: string): AuditCompany {
    return this.#company(companyId)
  }

  /** Resolves once every entry recorded so far is written (or told as a notice). */
  flush(): Promise<void> {
    return this.#serial(() => Promise.resolve())
  }

  /** The entries matching the filter, the newest first, at most `filter.limit`. */
  async list(filter: AuditFilter): Promise<AuditListing> {
    const matching = await this.#matching(filter)
    return { entries: matching.slice(0, filter.limit), matching: matching.length }
  }

  /** Eksportuj CSV: every entry matching the filter (the limit aside), the newest first. */
  async exportCsv(filter: AuditFilter): Promise<SavedFile[]> {
    const rows = await this.#matching(filter)
    return await this.#deps.files.save([{ name: 'dziennik-zdarzen.csv', bytes: auditCsv(rows) }])
  }

  /** After what is queued is written: the entries of the file that match, the newest first. */
  #matching(filter: AuditFilter): Promise<AuditRow[]> {
    return this.#serial(async () => {
      const since = filter.since === undefined ? undefined : Date.parse(filter.since)
      return readRows(splitLines(await this.#deps.file.read()))
        .filter(
          (row) =>
            (filter.companyId === undefined || row.company?.id === filter.companyId) &&
            (filter.identifier === undefined || row.company?.identifier === filter.identifier) &&
            (since === undefined || Date.parse(row.time) >= since) &&
            (filter.action === undefined || row.action === filter.action) &&
            (filter.result === undefined || row.result === filter.result),
        )
        .reverse()
    })
  }

  /** Sprawdź spójność: the whole chain, then its end against the vault's seal. */
  verify(): Promise<AuditVerdict> {
    return this.#serial(async () => {
      const lines = splitLines(await this.#deps.file.read())
      const problem = verifyChain(lines, await this.#seal())
      return { ok: !problem, lines: lines.length, problem: problem?.toPayload() ?? null }
    })
  }

  #company(companyId: string): AuditCompany {
    const company = this.#deps.companies.find(companyId)
    return {
      id: companyId,
      identifier: company?.identifier.value ?? '',
      name: company?.name ?? '',
    }
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work)
    this.#queue = next.catch(() => undefined)
    return next
  }

  /** The vault's seal; one that is not a seal counts as none (AUDIT_HEAD_MISSING). */
  async #seal(): Promise<AuditSeal | undefined> {
    const stored = await this.#deps.secrets.get(auditSealSecret)
    if (stored === undefined) return undefined
    let json: unknown
    try {
      json = JSON.parse(stored)
    } catch {
      return undefined
    }
    return AuditSeal.safeParse(json).data
  }

  /**
   * Where the chain goes on from. The file's last line when it is the seal's, or follows it
   * intact (a write cut off before its seal, the seal lost with the vault); otherwise the seal
   * itself, so a line removed or cut off stays found: the next line does not follow the file's.
   */
  async #continuation(): Promise<AuditSeal> {
    const lines = splitLines(await this.#deps.file.read())
    // A vault that does not open: the lines are still written, after the file's last one.
    const seal = await this.#seal().catch(() => undefined)
    const problem = verifyChain(lines, seal)
    const last = lastOf(lines)
    const resumable = !problem || ['AUDIT_UNSEALED', 'AUDIT_HEAD_MISSING'].includes(problem.code)
    return (resumable ? last : seal) ?? seal ?? { line: 0, hash: genesisHash }
  }

  async #write(): Promise<void> {
    const batch = this.#pending
    this.#pending = []
    try {
      const from = (this.#tail ??= await this.#continuation())
      let tail = from
      let text = ''
      for (const pending of batch) {
        const line = auditLine({ line: tail.line + 1, ...pending, prev: tail.hash })
        text += line.text
        tail = { line: tail.line + 1, hash: line.hash }
      }
      await this.#deps.file.append(text)
      this.#tail = tail
      await this.#deps.secrets.set(auditSealSecret, JSON.stringify(tail))
    } catch (error) {
      // Read again at the next write: what reached the file is known only from the file.
      this.#tail = undefined
      this.#tellFailure(error)
    }
  }

  #tellFailure(error: unknown): void {
    const cause = isAppError(error)
      ? error.code
      : ((error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown')
    this.#deps.log.error('audit write failed', { cause })
    if (this.#failureTold) return
    this.#failureTold = true
    this.#deps.notices.add(
      new AppError(
        'AUDIT_WRITE_FAILED',
        `The audit log ${this.#deps.file.path} could not be written (${cause}); the action itself was done.`,
        { path: this.#deps.file.path, cause },
      ),
    )
  }
}
