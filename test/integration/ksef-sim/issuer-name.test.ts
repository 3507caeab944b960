// XAdES IssuerSerial/X509IssuerName against the KeyInfo certificate: the same issuer written the
// ways signers write it is accepted, another issuer is 9105. The certificate is openssl's, its
// issuer with a comma and Polish letters in a value.
import { X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { issuerDistinguishedName } from '../../../electron/crypto/certificates'
import { sameIssuerName } from '../../ksef-sim/distinguished-names'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import {
  Workspace,
  runTool,
  selfSignedCertificate,
  type KeyAndCertificate,
} from '../../support/external-tools'
import { NIP, expectNoViolations, submitSignature } from './flows'
import { exceptionCode, exceptionDetails } from './sim-http'

let sim: RunningSimulator
let ws: Workspace
let signer: KeyAndCertificate
let der: Buffer

beforeAll(async () => {
  sim = await startSimulator({ authStatusDelayMs: 0 })
  ws = await Workspace.create()
  signer = await selfSignedCertificate(
    ws,
    `/GN=Jan/SN=Kowalski/serialNumber=TINPL-${NIP}/CN=Jan Kowalski, Wytwórnia/C=PL`,
  )
  der = new X509Certificate(signer.certificatePem).raw
})

afterAll(async () => {
  expectNoViolations(sim)
  await sim.close()
  await ws.dispose()
})

async function opensslIssuer(nameopt: string): Promise<string> {
  const path = await ws.write('issuer.pem', signer.certificatePem)
  const { stdout } = await runTool('openssl', [
    'x509',
    '-in',
    path,
    '-noout',
    '-issuer',
    '-nameopt',
    nameopt,
  ])
  return stdout
    .toString('utf8')
    .trim()
    .replace(/^issuer=/, '')
}

/** The value as a DER PrintableString in hex, as Java writes attributes it has no keyword for. */
const printableHex = (value: string) =>
  `#13${value.length.toString(16).padStart(2, '0')}${Buffer.from(value, 'ascii').toString('hex')}`

describe('X509IssuerName read as a distinguished name', () => {
  test('the same issuer in the forms signers write is the same name', async () => {
    const forms = [
      // OpenSSL RFC 2253, UTF-8 bytes escaped as \HH (its default), and raw.
      await opensslIssuer('RFC2253'),
      await opensslIssuer('RFC2253,-esc_msb'),
      // This app's signer (RFC 4514, dotted OIDs for attributes without a keyword).
      issuerDistinguishedName(der),
      // node's order (the certificate's), as the xmlsec1 template writes it.
      new X509Certificate(signer.certificatePem).issuer.replaceAll('\n', ', '),
      // .NET: quotes around a value with a comma, its own keywords.
      `CN="Jan Kowalski, Wytwórnia", SERIALNUMBER=TINPL-${NIP}, SN=Kowalski, G=Jan, C=PL`,
      // Java RFC 2253: #hex for serialNumber; other case, spacing and separators.
      `c=pl; CN=jan  kowalski\\, WYTWÓRNIA ;2.5.4.5=${printableHex(`TINPL-${NIP}`)};OID.2.5.4.4=Kowalski;givenName=Jan`,
    ]
    expect(await opensslIssuer('RFC2253')).toContain('\\C3\\B3')
    for (const form of forms) expect(sameIssuerName(form, der), form).toBe(true)
  })

  test('another issuer, a missing or extra attribute, or text that is no name is not', () => {
    const forms = [
      `CN=Jan Kowalski\\, Wytwórnia, serialNumber=TINPL-${NIP}, SN=Kowalski, GN=Anna, C=PL`,
      `CN=Jan Kowalski\\, Wytwórnia, serialNumber=TINPL-${NIP}, SN=Kowalski, C=PL`,
      `CN=Jan Kowalski\\, Wytwórnia, serialNumber=TINPL-${NIP}, SN=Kowalski, GN=Jan, C=PL, O=X`,
      `CN=Jan Kowalski, Wytwórnia, serialNumber=TINPL-${NIP}, SN=Kowalski, GN=Jan, C=PL`,
      `CN=Jan Kowalski\\, Wytwórnia, XYZ=TINPL-${NIP}, SN=Kowalski, GN=Jan, C=PL`,
      'TEST CCK KSeF',
      '',
    ]
    for (const form of forms) expect(sameIssuerName(form, der), form).toBe(false)
  })
})

describe('POST /auth/xades-signature with the issuer name of IssuerSerial', () => {
  test('another issuer than the certificate’s: 9105', async () => {
    const reply = await submitSignature(
      sim,
      ws,
      signer,
      { nip: NIP },
      { issuerName: 'CN=TEST CCK KSeF, O=Ministerstwo Finansów, C=PL' },
    )
    expect(exceptionCode(reply)).toBe(9105)
    expect(exceptionDetails(reply)).toEqual([
      'Podpis zweryfikowany negatywnie.',
      'Nazwa wystawcy w IssuerSerial nie zgadza się z certyfikatem w KeyInfo.',
    ])
  })

  test('the same issuer written by OpenSSL with escaped UTF-8: 202', async () => {
    const reply = await submitSignature(
      sim,
      ws,
      signer,
      { nip: NIP },
      { issuerName: await opensslIssuer('RFC2253') },
    )
    expect(reply.status, JSON.stringify(reply.body)).toBe(202)
  })
})
