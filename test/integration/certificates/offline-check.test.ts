import { X509Certificate } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sampleInvoice } from '../../../electron/certificates/offline-check'
import { invoiceHash } from '../../../electron/crypto/qr-links'
import { x509 } from '../../../electron/crypto/webcrypto'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import type { OfflineCheckResult } from '../../../shared/domain/ksef-certificates'
import type { RunningSimulator } from '../../ksef-sim'
import { FakeClock, memoryContext } from '../../support/memory-context'
import { tempFolder } from '../../support/temp-folder'
import { mustRun, run, write } from '../../support/tools'
import { addCompany, appOver, logInWithTestCertificate, nip, noWait, simulator } from './harness'

// Sprawdź certyfikat trybu Offline: the checks, the sample KOD II link verified by openssl with
// the certificate's public key, and its QR code read back by an independent decoder (zbarimg).

let clock: FakeClock
let sim: RunningSimulator
let folder: ReturnType<typeof tempFolder>
beforeEach(async () => {
  clock = new FakeClock(Date.now())
  sim = await simulator(clock)
  folder = tempFolder('ksef-desk-offline-')
})
afterEach(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
  folder.remove()
})

async function app() {
  const harness = await memoryContext({ ksefApiUrl: sim.url, clock, sleep: noWait })
  const driven = appOver(harness.ctx, harness.events)
  const company = await addCompany(driven)
  return { ...driven, ...harness, company }
}

type App = Awaited<ReturnType<typeof app>>

async function stored(
  target: App,
  type: 'Authentication' | 'Offline',
  keyType: 'EC' | 'RSA' = 'EC',
) {
  const issued = await sim.seed.issueCertificate({
    subject: {
      commonName: 'Spółka Testowa',
      countryName: 'PL',
      organizationName: 'Spółka Testowa',
      organizationIdentifier: `VATPL-${nip}`,
    },
    type,
    keyType,
  })
  const file = (name: string, text: string) => ({
    name,
    base64: Buffer.from(text).toString('base64'),
  })
  const summary = await target.call<CertificateSummary>('certificates:import', {
    companyId: target.company.id,
    files: {
      certificate: file('cert.pem', issued.certificatePem),
      privateKey: file('key.pem', issued.privateKeyPem),
    },
    password: '',
  })
  return { issued, summary }
}

const check = (target: App, certificateId: string) =>
  target.call<OfflineCheckResult>('certificates:offlineCheck', {
    companyId: target.company.id,
    certificateId,
  })

/** openssl dgst -verify of the link's signature over `host/path` up to the invoice hash. */
function verifiesWithOpenssl(link: string, certificatePem: string, keyType: 'EC' | 'RSA'): boolean {
  const withoutScheme = link.replace(/^https:\/\//, '')
  const cut = withoutScheme.lastIndexOf('/')
  const signed = withoutScheme.slice(0, cut)
  let signature = Buffer.from(withoutScheme.slice(cut + 1), 'base64url')
  if (keyType === 'EC') {
    // The link carries raw r‖s; openssl wants DER.
    const der = new x509.AsnEcSignatureFormatter().toAsnSignature(
      { name: 'ECDSA', namedCurve: 'P-256' },
      signature,
    )
    if (!der) throw new Error('not an EC P-256 signature')
    signature = Buffer.from(der)
  }
  const publicKey = new X509Certificate(certificatePem).publicKey.export({
    format: 'pem',
    type: 'spki',
  })
  const files = {
    data: write(folder.path, 'signed.txt', signed),
    signature: write(folder.path, 'link.sig', signature),
    key: write(folder.path, 'public.pem', publicKey),
  }
  const pss =
    keyType === 'RSA' ? ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'] : []
  const result = run('openssl', [
    'dgst',
    '-sha256',
    '-verify',
    files.key,
    ...pss,
    '-signature',
    files.signature,
    files.data,
  ])
  return result.status === 0 && /Verified OK/.test(result.stdout)
}

describe('certificates:offlineCheck', () => {
  it.each(['EC', 'RSA'] as const)(
    'checks a stored %s Offline certificate and signs a KOD II link openssl verifies',
    async (keyType) => {
      const target = await app()
      const { issued, summary } = await stored(target, 'Offline', keyType)
      const result = await check(target, summary.id)
      expect(result).toMatchObject({
        certificateId: summary.id,
        serialNumber: summary.serialNumber,
        kindByKeyUsage: 'Offline',
        validity: 'valid',
        validFrom: summary.validFrom,
        validTo: summary.validTo,
        keyFits: true,
        ksefStatus: null,
      })
      const hash = invoiceHash(sampleInvoice)
      expect(result.link).toMatch(
        new RegExp(
          `^https://qr-test\\.ksef\\.mf\\.gov\\.pl/certificate/Nip/${nip}/${nip}/${summary.serialNumber}/${hash}/[A-Za-z0-9_-]+$`,
        ),
      )
      expect(verifiesWithOpenssl(result.link, issued.certificatePem, keyType)).toBe(true)
      const tampered = result.link.replace(`/${nip}/${nip}/`, `/${nip}/7762811692/`)
      expect(verifiesWithOpenssl(tampered, issued.certificatePem, keyType)).toBe(false)
    },
  )

  it('draws the link as a PNG QR code that zbarimg decodes to exactly that link', async () => {
    const target = await app()
    const { summary } = await stored(target, 'Offline', 'RSA')
    const result = await check(target, summary.id)
    const png = Buffer.from(result.qrPngBase64, 'base64')
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    )
    const image = write(folder.path, 'kod-ii.png', png)
    expect(mustRun('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', image])).toBe(
      `${result.link}\n`,
    )
  })

  it('asks KSeF for the status when the company has a session', async () => {
    const target = await app()
    const { summary } = await stored(target, 'Offline')
    await logInWithTestCertificate(target, target.company.id)
    expect((await check(target, summary.id)).ksefStatus).toBe('Active')
    sim.seed.revokeCertificate(summary.serialNumber)
    expect((await check(target, summary.id)).ksefStatus).toBe('Revoked')
  })

  it('says when the certificate has expired or is not valid yet, and still signs', async () => {
    const target = await app()
    const { summary } = await stored(target, 'Offline')
    clock.advance(Date.parse(summary.validTo) - clock.now() + 1000)
    expect(await check(target, summary.id)).toMatchObject({ validity: 'expired', keyFits: true })
    clock.advance(Date.parse(summary.validFrom) - clock.now() - 1000)
    expect((await check(target, summary.id)).validity).toBe('notYetValid')
  })

  it('refuses an Authentication certificate with its own code', async () => {
    const target = await app()
    const { summary } = await stored(target, 'Authentication')
    expect(
      await target.refused('certificates:offlineCheck', {
        companyId: target.company.id,
        certificateId: summary.id,
      }),
    ).toMatchObject({ code: 'OFFLINE_CHECK_NOT_OFFLINE', details: { kind: 'Authentication' } })
  })

  it('refuses a certificate whose key is not here, and one not stored', async () => {
    const target = await app()
    const { summary } = await stored(target, 'Offline')
    await target.secrets.delete(`company/${target.company.id}/certificate/${summary.id}/key`)
    expect(
      await target.refused('certificates:offlineCheck', {
        companyId: target.company.id,
        certificateId: summary.id,
      }),
    ).toMatchObject({ code: 'CERT_KEY_MISSING' })
    expect(
      await target.refused('certificates:offlineCheck', {
        companyId: target.company.id,
        certificateId: '00000000-0000-4000-8000-000000000000',
      }),
    ).toMatchObject({ code: 'CERT_NOT_FOUND' })
  })
})
