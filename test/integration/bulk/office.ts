// An office of many companies against the simulator, for the bulk tests and the bench: each
// company logs in with its own KSeF token (sealed as the app seals it), the rate limiter is the
// app's own at KSeF's production limits, and time is real.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MemoryAuditFile } from '../../../electron/audit/audit-file'
import { FolderBulkJobFiles } from '../../../electron/bulk/bulk-job-files'
import { FolderFileSaver } from '../../../electron/files/folder-file-saver'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import { readCertificate } from '../../../electron/crypto/certificates'
import { silentLogger } from '../../../electron/log'
import { buildHandlerContext, closeServices } from '../../../electron/services'
import { MemoryCertificateFiles } from '../../../electron/vault/certificate-files'
import { openSettings, settingsFilePath } from '../../../electron/vault/conf-settings-store'
import { SettingsDocument } from '../../../electron/vault/settings-document'
import {
  certificateKeySecret,
  MemorySecretStore,
  tokenSecret,
} from '../../../electron/vault/secret-store'
import type { BulkJob, BulkJobSummary } from '../../../shared/domain/bulk'
import type { Company } from '../../../shared/domain/company'
import type { CertificateSummary, TokenSummary } from '../../../shared/domain/credentials'
import type { ChannelInput, ChannelOutput, Channel } from '../../../shared/ipc/contract'
import { AppError } from '../../../shared/ipc/errors'
import { maskKsefToken, parseKsefToken } from '../../../shared/validation/ksef-token'
import type { RunningSimulator } from '../../ksef-sim'
import { seededCompanies } from '../../support/company-seed'
import { RecordingEvents, ShiftableClock } from '../../support/memory-context'

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export interface OfficeOptions {
  /** The company at this index gets a token KSeF reports revoked: its login ends in 450. */
  revokedToken?: number
  /** The company at this index has a token whose author holds no permission in it: 415. */
  noPermission?: number
  /** The company at this index logs in with a certificate that expired yesterday. */
  expiredCertificate?: number
  /** Companies (by index) that log in with a KSeF certificate of their own ending in so many days. */
  certificateDays?: Record<number, number>
  /** Companies (by index) with no credential of their own (an identity is assigned by the test). */
  nothing?: number[]
}

/**
 * `count` companies of the Test environment, each with a default KSeF token KSeF knows. The
 * settings and the jobs are files of a temporary data folder, as the app keeps them (the memory
 * store copies the document at every read, which 500 companies would make the test's cost).
 */
export async function officeOf(sim: RunningSimulator, count: number, options: OfficeOptions = {}) {
  // A folder of its own, not test/support's tempFolder: the bench runs this without vitest.
  const folder = mkdtempSync(join(tmpdir(), 'ksef-desk-bulk-'))
  const clock = new ShiftableClock()
  const secrets = new MemorySecretStore()
  const events = new RecordingEvents()
  const opened = openSettings(settingsFilePath(folder), clock)
  const settings = opened.store
  const ctx = await buildHandlerContext({
    version: '0.0.0-test',
    dataFolder: folder,
    clock,
    log: silentLogger,
    events,
    settings: opened,
    secrets,
    certificateFiles: new MemoryCertificateFiles(),
    osUser: 'tester',
    auditFile: new MemoryAuditFile(),
    bulkJobFiles: new FolderBulkJobFiles(join(folder, 'bulk-jobs')),
    ksefApiUrl: sim.url,
    sleep: realSleep,
    fileSaver: new FolderFileSaver(join(folder, 'exports')),
  })
  const now = new Date().toISOString()
  const companies: Company[] = seededCompanies(count, now).map((company) => ({
    ...company,
    environment: 'Test',
  }))
  const tokens: TokenSummary[] = []
  const certificates: CertificateSummary[] = []
  for (const [n, company] of companies.entries()) {
    const context = { type: 'Nip' as const, value: company.identifier.value }
    if (options.nothing?.includes(n)) continue
    const days = n === options.expiredCertificate ? -1 : options.certificateDays?.[n]
    if (days !== undefined) {
      certificates.push(await certificateOf(sim, company, days))
      continue
    }
    const { token, referenceNumber } = sim.seed.createToken({
      context,
      permissions: ['InvoiceRead', 'CredentialsManage'],
      ...(n === options.revokedToken ? { status: 'Revoked' as const } : {}),
      // A subject with no grant in the context: KSeF authenticates the author, and refuses.
      ...(n === options.noPermission
        ? { author: { type: 'Nip' as const, value: '7762811692' } }
        : {}),
    })
    const id = `30000000-0000-4000-8000-${String(n).padStart(12, '0')}`
    await secrets.set(tokenSecret(company.id, id), token)
    tokens.push({
      id,
      companyId: company.id,
      masked: maskKsefToken(token),
      referenceNumber,
      context: parseKsefToken(token)?.context ?? context,
      description: 'Token biura',
      environment: 'Test',
      addedAt: now,
      isDefault: true,
      origin: 'pasted',
      permissions: ['InvoiceRead', 'CredentialsManage'],
      ksefStatus: 'Active',
      ksefCheckedAt: now,
      lastCheck: null,
    })
  }
  settings.write(SettingsDocument.parse({ companies, tokens, certificates }))

  /** A KSeF certificate of the company's seal, its key sealed here, the default; ends in `days`. */
  async function certificateOf(
    simulator: RunningSimulator,
    company: Company,
    days: number,
  ): Promise<CertificateSummary> {
    const day = 86_400_000
    const issued = await simulator.seed.issueCertificate({
      subject: {
        commonName: company.name,
        countryName: 'PL',
        organizationName: company.name,
        organizationIdentifier: `VATPL-${company.identifier.value}`,
      },
      validFrom: new Date(Date.now() - 400 * day),
      validTo: new Date(Date.now() + days * day),
    })
    const info = readCertificate(issued.certificatePem)
    const id = `40000000-0000-4000-8000-${company.id.slice(-12)}`
    await ctx.certificateFiles.write(id, issued.certificatePem)
    await secrets.set(certificateKeySecret(company.id, id), issued.privateKeyPem)
    return {
      id,
      companyId: company.id,
      name: `Certyfikat ${company.identifier.value}`,
      kind: 'Authentication',
      serialNumber: info.serialNumber,
      subject: info.subject,
      subjectIdentifier: { type: 'Nip', value: company.identifier.value },
      issuer: info.issuer,
      issuerKind: 'ksef',
      environment: 'Test',
      validFrom: info.validFrom,
      validTo: info.validTo,
      fingerprintSha256: info.fingerprintSha256,
      keyAlgorithm: 'ECDSA P-256',
      origin: 'enrolled',
      addedAt: now,
      isDefault: true,
      ksefStatus: 'Active',
      ksefCheckedAt: now,
    }
  }

  const dispatch = createDispatch(handlers, ctx)
  /** One channel as the window calls it; a refusal is thrown as its AppError. */
  const call = async <C extends Channel>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<ChannelOutput<C>> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok) throw AppError.fromPayload(envelope.error)
    return envelope.value as ChannelOutput<C>
  }
  /** Starts a job on every company and resolves with it once it has ended. */
  const runJob = async (
    action: ChannelInput<'bulk:start'>['action'],
    selection: ChannelInput<'bulk:start'>['selection'] = { kind: 'all' },
  ): Promise<{ started: BulkJobSummary; job: BulkJob }> => {
    const started = await call('bulk:start', { action, selection })
    return { started, job: await ctx.bulk.finished(started.id) }
  }
  /** The services closed (a running job ends interrupted) and the folder removed. */
  const close = async () => {
    await closeServices(ctx)
    rmSync(folder, { recursive: true, force: true })
  }
  return { ctx, settings, secrets, events, clock, folder, companies, tokens, call, runJob, close }
}

/** The simulator's answers with this status, by operation. */
export function answered(sim: RunningSimulator, status: number): string[] {
  return sim.requests
    .filter((request) => request.status === status)
    .map((r) => r.operation ?? r.path)
}
