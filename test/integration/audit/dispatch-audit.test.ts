// Dziennik zdarzeń over the app's dispatch: every credential action of the window and the CLI is
// recorded in one place, done or refused by KSeF; reads and the app's own refusals are not.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { FolderFileSaver } from '../../../electron/files/folder-file-saver'
import { handlers } from '../../../electron/handlers'
import { emptyFacts, KsefError } from '../../../electron/ksef/errors'
import type { AuditListing, AuditVerdict } from '../../../shared/domain/audit'
import type { Company } from '../../../shared/domain/company'
import type { CertificateSummary, TokenSummary } from '../../../shared/domain/credentials'
import { memoryContext } from '../../support/memory-context'
import { tempFolder } from '../../support/temp-folder'

const tokenSecret = '919f704466624ce29cd5ac7b65ded5e7cccc112eee314f2aaa76e02cd16df7b9'
const token = `20251010-EC-1DCE3E3000-12ECB5B36E-45|nip-5265877635|${tokenSecret}`

const folders: { remove(): void }[] = []
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()))

async function setup(overrides: Partial<typeof handlers> = {}) {
  const out = tempFolder('ksef-desk-audit-')
  folders.push(out)
  const harness = await memoryContext({ fileSaver: new FolderFileSaver(out.path) })
  const dispatch = createDispatch({ ...handlers, ...overrides }, harness.ctx)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
    return envelope.value as T
  }
  const company = await call<Company>('companies:add', {
    name: 'Spółka Testowa S.A.',
    identifier: { type: 'Nip', value: '5265877635' },
    environment: 'Test',
  })
  return { ...harness, dispatch, call, company, out: out.path }
}

describe('the audit log over dispatch', () => {
  it('records each action with its company, not the reads, and keeps a removed company named', async () => {
    const { call, company, auditFile } = await setup()
    const stored = await call<TokenSummary>('tokens:add', { companyId: company.id, token })
    await call('tokens:list', { companyId: company.id })
    await call('tokens:setDefault', { companyId: company.id, tokenId: stored.id })
    await call<CertificateSummary>('certificates:createTest', { companyId: company.id })
    await call('companies:list', undefined)
    await call('companies:remove', { id: company.id })
    const listing = await call<AuditListing>('audit:list', {})
    const named = { id: company.id, identifier: '5265877635', name: 'Spółka Testowa S.A.' }
    expect(
      listing.entries.map(({ action, result, company, osUser }) => ({
        action,
        result,
        company,
        osUser,
      })),
    ).toEqual(
      ['company.remove', 'certificate.createTest', 'token.default', 'token.add', 'company.add'].map(
        (action) => ({ action, result: 'ok', company: named, osUser: 'tester' }),
      ),
    )
    expect(auditFile.text).not.toContain(tokenSecret)
    expect(await call<AuditVerdict>('audit:verify', undefined)).toEqual({
      ok: true,
      lines: 5,
      problem: null,
    })
  })

  it("records KSeF's refusal of a login with its codes; a refused change is no entry", async () => {
    const refusal = new KsefError('KSEF_AUTH_FAILED', 'KSeF refused the login (status 450).', {
      ...emptyFacts({ method: 'GET', path: '/auth/20251010-AU-1' }),
      httpStatus: 400,
      ksef: { kind: 'authStatus', code: 450 },
    })
    const { dispatch, call, company } = await setup({
      'auth:loginWithToken': () => Promise.reject(refusal),
      'tokens:revoke': () =>
        Promise.reject(
          new KsefError('KSEF_ERROR', 'KSeF refused the request (code 26001).', {
            ...emptyFacts({ method: 'DELETE', path: '/tokens/REF' }),
            httpStatus: 400,
            ksef: { kind: 'exception', code: 26001 },
          }),
        ),
      // A logout with no session to end: done at once.
      'auth:logout': ({ companyId }, ctx) => Promise.resolve(ctx.login.state(companyId)),
    })
    expect(await dispatch('auth:loginWithToken', { companyId: company.id })).toMatchObject({
      ok: false,
      error: { code: 'KSEF_AUTH_FAILED' },
    })
    // Refused here, or by KSeF, before anything was changed: no entry.
    expect(
      await dispatch('tokens:revoke', { companyId: company.id, referenceNumber: 'REF' }),
    ).toMatchObject({ ok: false, error: { code: 'KSEF_ERROR' } })
    expect(
      await dispatch('tokens:add', { companyId: company.id, token: 'not a token' }),
    ).toMatchObject({
      ok: false,
    })
    expect(await dispatch('auth:logout', { companyId: company.id })).toMatchObject({ ok: true })
    const { entries } = await call<AuditListing>('audit:list', {})
    expect(
      entries.map(({ action, result, errorCode, ksefCode, ksefCodeKind, note }) => ({
        action,
        result,
        errorCode,
        ksefCode,
        ksefCodeKind,
        note,
      })),
    ).toEqual([
      {
        action: 'auth.logout',
        result: 'ok',
        errorCode: null,
        ksefCode: null,
        ksefCodeKind: null,
        note: null,
      },
      {
        action: 'auth.login',
        result: 'failed',
        errorCode: 'KSEF_AUTH_FAILED',
        ksefCode: 450,
        ksefCodeKind: 'authStatus',
        note: 'token',
      },
      {
        action: 'company.add',
        result: 'ok',
        errorCode: null,
        ksefCode: null,
        ksefCodeKind: null,
        note: null,
      },
    ])
    const failed = await call<AuditListing>('audit:list', {
      result: 'failed',
      companyId: company.id,
    })
    expect(failed.entries.map((entry) => entry.action)).toEqual(['auth.login'])
  })

  it('exports the filtered entries as CSV through the file-saving port', async () => {
    const { call, company, out } = await setup()
    await call('tokens:add', { companyId: company.id, token })
    const saved = await call<{ name: string }[]>('audit:exportCsv', { action: 'token.add' })
    expect(saved.map((file) => file.name)).toEqual(['dziennik-zdarzen.csv'])
    const csv = readFileSync(join(out, 'dziennik-zdarzen.csv'), 'utf8').split('\r\n')
    expect(csv[0]).toBe(
      '\ufeffwiersz;czas;zdarzenie;wynik;firma;nip;użytkownik;kod błędu;kod KSeF;znaczenie kodu KSeF;zadanie;uwagi;hash',
    )
    expect(csv[1]).toMatch(
      /^2;2026-11-21T09:00:00\.000Z;token\.add;udane;Spółka Testowa S\.A\.;5265877635;tester;;;;;;[0-9a-f]{64}$/,
    )
    expect(csv).toHaveLength(3)
    expect(csv.join('\n')).not.toContain(tokenSecret)
  })

  it('refuses a filter off the contract with the exact error, and records nothing for it', async () => {
    const { dispatch, auditFile } = await setup()
    const before = auditFile.text
    expect(await dispatch('audit:list', { since: 'yesterday' })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'The request to audit:list is malformed.',
        details: {
          channel: 'audit:list',
          issues: [{ path: 'since', message: 'Invalid ISO datetime' }],
        },
      },
    })
    expect(auditFile.text).toBe(before)
  })
})
