import { describe, expect, it } from 'vitest'
import { RemoteSessions, type RemoteSessionsDeps } from '../../../electron/auth/remote-sessions'
import { silentLogger } from '../../../electron/log'
import type { KsefClient } from '../../../electron/ksef/client'
import type { StoredOperation, StoredSession } from '../../../electron/vault/auth-repository'
import type { CertificateIssuerKind, CertificateSummary } from '../../../shared/domain/credentials'
import type { Company } from '../../../shared/domain/company'
import { methodFromKsef, sessionMethod } from '../../../shared/domain/session-method'

// Active sessions name the way in from what the app knows of its own logins, then from KSeF's
// category and code; KSeF's display text is only a detail (Test calls a self-signed test
// certificate "Pieczęć kwalifikowana").

const companyId = '3f1c9a52-7c1e-4a7e-9d5e-0b2f4c8a1d10'
const certificateId = '6a0b7c2d-1e3f-4a5b-8c9d-0e1f2a3b4c5d'
const company: Company = {
  id: companyId,
  name: 'Spółka Testowa',
  identifier: { type: 'Nip', value: '5265877635' },
  environment: 'Test',
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
}

const seal = {
  category: 'XadesSignature',
  code: 'xades.qualified-seal',
  displayName: 'Pieczęć kwalifikowana',
}

function item(referenceNumber: string, info: typeof seal, isCurrent = false) {
  return {
    referenceNumber,
    isCurrent,
    startDate: '2026-03-16T10:00:00+00:00',
    authenticationMethod: 'QualifiedSeal' as const,
    authenticationMethodInfo: info,
    status: { code: 200, description: 'Uwierzytelnianie zakończone sukcesem' },
    refreshTokenValidUntil: '2026-03-23T10:00:00+00:00',
  }
}

function sessionsOf(options: {
  items: ReturnType<typeof item>[]
  session?: Partial<StoredSession>
  operations?: Partial<StoredOperation>[]
  issuerKind?: CertificateIssuerKind
}): RemoteSessions {
  const client = {
    sessions: {
      listAuthenticationSessions: () => Promise.resolve({ items: options.items }),
    },
  } as unknown as KsefClient
  const deps: RemoteSessionsDeps = {
    companies: { find: (id) => (id === companyId ? company : undefined) },
    auth: {
      session: () => options.session as StoredSession | undefined,
      operation: (_, ref) =>
        options.operations?.find((o) => o.referenceNumber === ref) as StoredOperation | undefined,
    },
    credentials: {
      certificate: (_, id) =>
        id === certificateId && options.issuerKind
          ? ({ id, issuerKind: options.issuerKind } as CertificateSummary)
          : undefined,
    },
    sessions: { accessToken: () => Promise.resolve('access'), logout: () => Promise.resolve() },
    clients: { forEnvironment: () => client },
    log: silentLogger,
  }
  return new RemoteSessions(deps)
}

describe('RemoteSessions.list: the method of each session', () => {
  it('names its own login with a self-signed test certificate so, whatever KSeF displays', async () => {
    const list = await sessionsOf({
      items: [item('20260316-AU-1', seal, true)],
      session: {
        referenceNumber: '20260316-AU-1',
        method: 'certificate',
        credentialId: certificateId,
      },
      issuerKind: 'selfSigned',
    }).list(companyId)
    expect(list.map((s) => [s.method, s.methodDetail])).toEqual([
      ['selfSignedTestCertificate', 'Pieczęć kwalifikowana'],
    ])
  })

  it('knows an earlier login of its own from the operations list: a KSeF certificate, a token, a signed request', async () => {
    const list = await sessionsOf({
      items: [item('A', seal), item('B', seal), item('C', seal)],
      operations: [
        { referenceNumber: 'A', method: 'certificate', credentialId: certificateId },
        { referenceNumber: 'B', method: 'token', credentialId: null },
        { referenceNumber: 'C', method: 'signedRequest', credentialId: null },
      ],
      issuerKind: 'ksef',
    }).list(companyId)
    expect(list.map((s) => s.method)).toEqual(['ksefCertificate', 'token', 'signedRequest'])
  })

  it('reads a session it did not open from authenticationMethodInfo category and code', async () => {
    const list = await sessionsOf({
      items: [
        item('X', seal),
        item('Y', {
          category: 'NationalNode',
          code: 'node.login-gov',
          displayName: 'Profil Zaufany',
        }),
        item('Z', { category: 'Token', code: 'token.ksef', displayName: 'Token KSeF' }),
      ],
    }).list(companyId)
    expect(list.map((s) => [s.method, s.methodDetail])).toEqual([
      ['qualifiedSeal', 'Pieczęć kwalifikowana'],
      ['nationalNode', 'Profil Zaufany'],
      ['token', 'Token KSeF'],
    ])
  })

  it('falls back to KSeF for a certificate login whose certificate is no longer stored', async () => {
    const list = await sessionsOf({
      items: [item('A', seal)],
      operations: [{ referenceNumber: 'A', method: 'certificate', credentialId: certificateId }],
    }).list(companyId)
    expect(list[0]?.method).toBe('qualifiedSeal')
  })
})

describe('session methods', () => {
  it('maps every KSeF category, and an unknown code of a known category to its category', () => {
    const of = (category: string, code = 'unknown') =>
      methodFromKsef({ category, code, displayName: '' })
    expect([of('XadesSignature'), of('NationalNode'), of('Token'), of('Other'), of('New')]).toEqual(
      ['xadesSignature', 'nationalNode', 'token', 'other', 'other'],
    )
    expect(of('XadesSignature', 'xades.ksef-certificate')).toBe('ksefCertificate')
    expect(of('XadesSignature', 'xades.qualified-signature')).toBe('qualifiedSignature')
  })

  it('names an external-CA certificate login a qualified certificate', () => {
    expect(sessionMethod({ method: 'certificate', issuerKind: 'external' }, seal)).toBe(
      'qualifiedCertificate',
    )
  })
})
