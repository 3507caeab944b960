import { describe, expect, it } from 'vitest'
import { AuditLog, auditSealSecret } from '../../../electron/audit/audit-log'
import { MemoryAuditFile } from '../../../electron/audit/audit-file'
import { noFileSaver } from '../../../electron/files/file-saver'
import { silentLogger } from '../../../electron/log'
import { NoticeBoard } from '../../../electron/notices'
import { CompanyRepository } from '../../../electron/vault/company-repository'
import { MemorySecretStore } from '../../../electron/vault/secret-store'
import { MemorySettingsStore } from '../../../electron/vault/settings-store'
import { AuditFilter, type AuditEvent } from '../../../shared/domain/audit'
import { FakeClock } from '../../support/memory-context'

const companyId = '7d0c3c1e-5d1a-4b3e-9f43-0a4f3a2b1c01'

function setUp() {
  const settings = new MemorySettingsStore()
  const companies = new CompanyRepository(settings)
  companies.save({
    id: companyId,
    name: 'Biuro Rachunkowe Alfa',
    identifier: { type: 'Nip', value: '5265877635' },
    environment: 'Test',
    createdAt: '2026-11-21T09:00:00.000Z',
    updatedAt: '2026-11-21T09:00:00.000Z',
  })
  const file = new MemoryAuditFile()
  const secrets = new MemorySecretStore()
  const clock = new FakeClock()
  const notices = new NoticeBoard()
  const audit = new AuditLog({
    file,
    secrets,
    companies,
    clock,
    log: silentLogger,
    notices,
    osUser: 'jkowalska',
    files: noFileSaver,
  })
  return { audit, file, secrets, clock, notices, companies }
}

const events: AuditEvent[] = [
  { action: 'company.add', result: 'ok', companyId },
  { action: 'token.add', result: 'ok', companyId },
  {
    action: 'auth.login',
    result: 'failed',
    companyId,
    errorCode: 'KSEF_AUTH_FAILED',
    ksefCode: 450,
    ksefCodeKind: 'authStatus',
    note: 'token',
  },
]

async function written(events: readonly AuditEvent[]) {
  const set = setUp()
  for (const event of events) set.audit.record(event)
  await set.audit.flush()
  return set
}

const lines = (file: MemoryAuditFile) => file.text.split('\n').slice(0, -1)
const keepLines = (file: MemoryAuditFile, kept: string[]) => {
  file.text = kept.map((line) => `${line}\n`).join('')
}

describe('audit log', () => {
  it('writes one chained line per entry with the time, company, OS user and KSeF code', async () => {
    const { file, audit, secrets } = await written(events)
    const rows = lines(file).map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(rows).toHaveLength(3)
    expect(rows[2]).toEqual({
      line: 3,
      time: '2026-11-21T09:00:00.000Z',
      action: 'auth.login',
      result: 'failed',
      company: { id: companyId, identifier: '5265877635', name: 'Biuro Rachunkowe Alfa' },
      osUser: 'jkowalska',
      errorCode: 'KSEF_AUTH_FAILED',
      ksefCodeKind: 'authStatus',
      ksefCode: 450,
      jobId: null,
      note: 'token',
      prev: rows[1]?.['hash'],
      hash: rows[2]?.['hash'],
    })
    expect(rows[2]?.['hash']).toMatch(/^[0-9a-f]{64}$/)
    expect(rows[0]?.['prev']).toBe('0'.repeat(64))
    expect(JSON.parse((await secrets.get(auditSealSecret)) ?? '')).toEqual({
      line: 3,
      hash: rows[2]?.['hash'],
    })
    expect(await audit.verify()).toEqual({ ok: true, lines: 3, problem: null })
  })

  it('finds a line edited on the disk', async () => {
    const { file, audit } = await written(events)
    keepLines(
      file,
      lines(file).map((line, i) =>
        i === 1 ? line.replace('"token.add"', '"token.remove"') : line,
      ),
    )
    expect((await audit.verify()).problem).toEqual({
      code: 'AUDIT_LINE_EDITED',
      message:
        'Line 2 of the audit log was changed after it was written: its contents no longer match its hash.',
      details: { line: 2, lines: 3 },
    })
  })

  it('finds a line removed, and lines put out of order', async () => {
    const removed = await written(events)
    keepLines(
      removed.file,
      lines(removed.file).filter((_line, i) => i !== 1),
    )
    expect((await removed.audit.verify()).problem).toMatchObject({
      code: 'AUDIT_LINE_MISSING',
      details: { line: 2, lines: 2 },
    })
    const moved = await written(events)
    const [first, second, third] = lines(moved.file) as [string, string, string]
    keepLines(moved.file, [first, third, second])
    expect((await moved.audit.verify()).problem).toMatchObject({
      code: 'AUDIT_LINE_MISSING',
      details: { line: 2, lines: 3 },
    })
  })

  it('finds the last line cut off against the seal in the vault', async () => {
    const { file, audit } = await written(events)
    keepLines(file, lines(file).slice(0, 2))
    expect((await audit.verify()).problem).toEqual({
      code: 'AUDIT_TRUNCATED',
      message: "The audit log ends at line 2; the vault's seal says it held 3 lines.",
      details: { lines: 2, sealedLines: 3 },
    })
  })

  it('keeps a cut-off log found after the next entry is written', async () => {
    const { file, audit } = await written(events)
    keepLines(file, lines(file).slice(0, 2))
    audit.record({ action: 'auth.logout', result: 'ok', companyId })
    await audit.flush()
    expect((await audit.verify()).problem).toMatchObject({
      code: 'AUDIT_LINE_MISSING',
      details: { line: 3, lines: 3 },
    })
  })

  it('finds lines replaced and hashed anew, which only the seal tells', async () => {
    const original = await written(events)
    const forged = await written([
      events[0],
      events[1],
      { ...events[2], result: 'ok' },
    ] as AuditEvent[])
    keepLines(original.file, lines(forged.file))
    expect((await original.audit.verify()).problem).toMatchObject({
      code: 'AUDIT_HEAD_MISMATCH',
      details: { line: 3, lines: 3 },
    })
  })

  it('finds a log with no seal in the vault, and a line that is no entry', async () => {
    const unsealed = await written(events)
    await unsealed.secrets.delete(auditSealSecret)
    expect((await unsealed.audit.verify()).problem).toEqual({
      code: 'AUDIT_HEAD_MISSING',
      message: 'The audit log holds 3 lines but the vault holds no seal of its last line.',
      details: { lines: 3 },
    })
    const broken = await written(events)
    keepLines(
      broken.file,
      lines(broken.file).map((line, i) => (i === 0 ? line.slice(0, 40) : line)),
    )
    expect((await broken.audit.verify()).problem).toMatchObject({
      code: 'AUDIT_LINE_MALFORMED',
      details: { line: 1, lines: 3 },
    })
  })

  it('seals, at the next entry, lines a write cut off before its seal', async () => {
    const { file, audit, secrets } = await written(events.slice(0, 2))
    const seal = await secrets.get(auditSealSecret)
    audit.record(events[2] as AuditEvent)
    await audit.flush()
    await secrets.set(auditSealSecret, seal ?? '')
    expect((await audit.verify()).problem).toMatchObject({
      code: 'AUDIT_UNSEALED',
      details: { line: 3, lines: 3 },
    })
    // A new start of the app: the chain goes on from the file's last line.
    const restarted = new AuditLog({
      file,
      secrets,
      companies: setUp().companies,
      clock: new FakeClock(),
      log: silentLogger,
      notices: new NoticeBoard(),
      osUser: 'jkowalska',
      files: noFileSaver,
    })
    restarted.record({ action: 'auth.logout', result: 'ok', companyId })
    expect(await restarted.verify()).toEqual({ ok: true, lines: 4, problem: null })
  })

  it('never writes a note shaped like a secret', async () => {
    const secretsInNotes = [
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ',
      'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJrc2VmIn0.c2lnbmF0dXJl',
      '20251121-EC-2F3A4B5C6D-7E8F9A0B1C-1D|nip-5265877635|' + 'ab12'.repeat(16),
      'key ' + 'Zm9vYmFyYmF6'.repeat(5),
    ]
    const { file } = await written(
      secretsInNotes.map((note) => ({ action: 'token.add', result: 'ok', companyId, note })),
    )
    expect(lines(file).map((line) => (JSON.parse(line) as { note: unknown }).note)).toEqual([
      null,
      null,
      null,
      null,
    ])
    const kept = await written([
      { action: 'certificate.revoke', result: 'ok', companyId, note: '01F4A2B3C4D5E6F708' },
      {
        action: 'token.revoke',
        result: 'ok',
        companyId,
        note: '20251121-EC-2F3A4B5C6D-7E8F9A0B1C-1D',
      },
    ])
    expect(lines(kept.file).map((line) => (JSON.parse(line) as { note: unknown }).note)).toEqual([
      '01F4A2B3C4D5E6F708',
      '20251121-EC-2F3A4B5C6D-7E8F9A0B1C-1D',
    ])
  })

  it('tells a write that fails as one notice and never throws to the caller', async () => {
    const set = setUp()
    set.file.append = () => Promise.reject(Object.assign(new Error('no space'), { code: 'ENOSPC' }))
    set.audit.record(events[0] as AuditEvent)
    await set.audit.flush()
    set.audit.record(events[1] as AuditEvent)
    await set.audit.flush()
    expect(set.notices.list().map((notice) => notice.error)).toEqual([
      {
        code: 'AUDIT_WRITE_FAILED',
        message:
          'The audit log memory/audit.jsonl could not be written (ENOSPC); the action itself was done.',
        details: { path: 'memory/audit.jsonl', cause: 'ENOSPC' },
      },
    ])
  })

  it('lists the newest first, by company, time, action and result, up to the limit', async () => {
    const set = setUp()
    for (const event of events) {
      set.audit.record(event)
      set.clock.advance(60_000)
    }
    set.audit.record({ action: 'backup.create', result: 'ok' })
    const all = await set.audit.list(AuditFilter.parse({}))
    expect(all.entries.map((row) => row.action)).toEqual([
      'backup.create',
      'auth.login',
      'token.add',
      'company.add',
    ])
    const filtered = await set.audit.list(
      AuditFilter.parse({ companyId, since: '2026-11-21T09:01:00Z', result: 'ok' }),
    )
    expect(filtered.entries.map((row) => row.action)).toEqual(['token.add'])
    const limited = await set.audit.list(AuditFilter.parse({ limit: 2 }))
    expect({ actions: limited.entries.map((row) => row.line), matching: limited.matching }).toEqual(
      {
        actions: [4, 3],
        matching: 4,
      },
    )
  })
})
