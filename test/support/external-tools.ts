import { execFile } from 'node:child_process'
import { X509Certificate, createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { oaepSha256 } from './tools'

/**
 * Inputs made by tools no one on this project wrote: openssl makes keys, certificates, CSRs and
 * OAEP ciphertexts; xmlsec1 computes XAdES digests and signature values. The tests only write
 * the XML templates and the SignedProperties (digest of the certificate included).
 */

export interface ToolResult {
  stdout: Buffer
  stderr: string
}

export function runTool(
  command: string,
  args: string[],
  input?: Buffer | string,
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${command} ${args.join(' ')} failed: ${stderr.toString('utf8') || error.message}`,
            ),
          )
        } else {
          resolve({ stdout, stderr: stderr.toString('utf8') })
        }
      },
    )
    if (input !== undefined) child.stdin?.end(input)
  })
}

export class Workspace {
  private counter = 0
  private constructor(readonly dir: string) {}

  static async create(): Promise<Workspace> {
    return new Workspace(await mkdtemp(join(tmpdir(), 'ksef-sim-test-')))
  }

  path(name: string): string {
    this.counter += 1
    return join(this.dir, `${this.counter}-${name}`)
  }

  async write(name: string, content: string | Buffer): Promise<string> {
    const path = this.path(name)
    await writeFile(path, content)
    return path
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
  }
}

export type KeyType = 'ec' | 'rsa'

export interface KeyAndCertificate {
  keyPath: string
  certificatePem: string
  keyType: KeyType
}

function keyArgs(keyType: KeyType | 'rsa1024' | 'p384'): string[] {
  switch (keyType) {
    case 'ec':
      return ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']
    case 'p384':
      return ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384']
    case 'rsa':
      return ['-newkey', 'rsa:2048']
    case 'rsa1024':
      return ['-newkey', 'rsa:1024']
  }
}

/** `openssl req -x509`: a self-signed certificate, the TEST environment's way in. */
export async function selfSignedCertificate(
  workspace: Workspace,
  subject: string,
  keyType: KeyType | 'rsa1024' = 'ec',
  days = 730,
  extensions: string[] = [],
): Promise<KeyAndCertificate> {
  const keyPath = workspace.path('key.pem')
  const certPath = workspace.path('cert.pem')
  await runTool('openssl', [
    'req',
    '-x509',
    ...keyArgs(keyType),
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-days',
    String(days),
    '-subj',
    subject,
    '-utf8',
    ...extensions.flatMap((extension) => ['-addext', extension]),
  ])
  return {
    keyPath,
    certificatePem: await readFile(certPath, 'utf8'),
    keyType: keyType === 'ec' ? 'ec' : 'rsa',
  }
}

export async function writeKeyAndCertificate(
  workspace: Workspace,
  files: { certificatePem: string; privateKeyPem: string },
  keyType: KeyType,
): Promise<KeyAndCertificate> {
  return {
    keyPath: await workspace.write('key.pem', files.privateKeyPem),
    certificatePem: files.certificatePem,
    keyType,
  }
}

export interface CsrResult {
  csrBase64: string
  keyPath: string
}

/** `openssl req -new`: a PKCS#10 request, DER, as KSeF wants it. */
export async function opensslCsr(
  workspace: Workspace,
  subject: string,
  options: { key?: KeyType | 'rsa1024' | 'p384'; keyPath?: string; extra?: string[] } = {},
): Promise<CsrResult> {
  const keyPath = options.keyPath ?? workspace.path('csr-key.pem')
  const csrPath = workspace.path('request.der')
  const keySource = options.keyPath
    ? ['-key', options.keyPath]
    : [...keyArgs(options.key ?? 'ec'), '-nodes', '-keyout', keyPath]
  await runTool('openssl', [
    'req',
    '-new',
    ...keySource,
    '-subj',
    subject,
    '-utf8',
    '-outform',
    'DER',
    '-out',
    csrPath,
    ...(options.extra ?? []),
  ])
  return { csrBase64: (await readFile(csrPath)).toString('base64'), keyPath }
}

/** `openssl pkeyutl -encrypt` with RSA-OAEP, SHA-256 and MGF1-SHA-256 (or PKCS#1 v1.5). */
export async function opensslEncrypt(
  workspace: Workspace,
  publicKeyPem: string,
  plaintext: string | Buffer,
  padding: 'oaep' | 'pkcs1' = 'oaep',
): Promise<string> {
  const keyPath = await workspace.write('mf-public.pem', publicKeyPem)
  const options = padding === 'oaep' ? [...oaepSha256] : ['-pkeyopt', 'rsa_padding_mode:pkcs1']
  const { stdout } = await runTool(
    'openssl',
    ['pkeyutl', '-encrypt', '-pubin', '-inkey', keyPath, ...options],
    plaintext,
  )
  return stdout.toString('base64')
}

export const NS_21 = 'http://ksef.mf.gov.pl/auth/token/2.1'
export const NS_20 = 'http://ksef.mf.gov.pl/auth/token/2.0'

export interface AuthTokenRequestFields {
  challenge: string
  context?: { type: 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId'; value: string }
  nip?: string
  subjectType?: 'certificateSubject' | 'certificateFingerprint'
  namespace?: string
  allowedIps?: string[]
}

/** The unsigned AuthTokenRequest, written by hand as a user would see it in the docs. */
export function authTokenRequestXml(fields: AuthTokenRequestFields): string {
  const context = fields.context ?? { type: 'Nip', value: fields.nip ?? '' }
  const policy = fields.allowedIps
    ? `<AuthorizationPolicy><AllowedIps>${fields.allowedIps.map((ip) => `<Ip4Address>${ip}</Ip4Address>`).join('')}</AllowedIps></AuthorizationPolicy>`
    : ''
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<AuthTokenRequest xmlns="${fields.namespace ?? NS_21}">` +
    `<Challenge>${fields.challenge}</Challenge>` +
    `<ContextIdentifier><${context.type}>${context.value}</${context.type}></ContextIdentifier>` +
    `<SubjectIdentifierType>${fields.subjectType ?? 'certificateSubject'}</SubjectIdentifierType>` +
    policy +
    '</AuthTokenRequest>'
  )
}

export const ALGORITHMS = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
} as const

export interface XadesOptions {
  signatureMethod?: string
  digestMethod?: string
  canonicalization?: string
  /** ISO date-time; default one minute ago. */
  signingTime?: string | null
  /** The SignedProperties reference's Type; null leaves the attribute out. */
  signedPropertiesType?: string | null
  /** Replaces the CertDigest value (default: SHA-256 of the certificate, computed by the test). */
  certDigest?: string
  /** Leaves SigningCertificate out entirely. */
  omitSigningCertificate?: boolean
  /** Replaces IssuerSerial's X509IssuerName (default: the certificate's issuer as node writes it). */
  issuerName?: string
}

function certificateDer(pem: string): Buffer {
  return new X509Certificate(pem).raw
}

/**
 * Signs an AuthTokenRequest with `xmlsec1 --sign` from a XAdES-BES template (enveloped,
 * SignedProperties with SigningTime and SigningCertificate), the way the official C# client
 * lays it out. xmlsec1 fills in both references' digests and the signature value.
 */
export async function xmlsecSign(
  workspace: Workspace,
  unsignedXml: string,
  signer: KeyAndCertificate,
  options: XadesOptions = {},
): Promise<string> {
  const der = certificateDer(signer.certificatePem)
  const certificate = new X509Certificate(signer.certificatePem)
  const signatureMethod =
    options.signatureMethod ??
    (signer.keyType === 'ec' ? ALGORITHMS.ecdsaSha256 : ALGORITHMS.rsaSha256)
  const digestMethod = options.digestMethod ?? ALGORITHMS.sha256
  const c14n = options.canonicalization ?? ALGORITHMS.excC14n
  const signingTime =
    options.signingTime === undefined
      ? new Date(Date.now() - 60_000).toISOString()
      : options.signingTime
  const type =
    options.signedPropertiesType === undefined
      ? ' Type="http://uri.etsi.org/01903#SignedProperties"'
      : options.signedPropertiesType === null
        ? ''
        : ` Type="${options.signedPropertiesType}"`
  const certDigest = options.certDigest ?? createHash('sha256').update(der).digest('base64')
  const serialDecimal = BigInt(`0x${certificate.serialNumber}`).toString(10)
  const signingCertificate = options.omitSigningCertificate
    ? ''
    : '<xades:SigningCertificate><xades:Cert><xades:CertDigest>' +
      `<ds:DigestMethod Algorithm="${ALGORITHMS.sha256}"/><ds:DigestValue>${certDigest}</ds:DigestValue>` +
      '</xades:CertDigest><xades:IssuerSerial>' +
      `<ds:X509IssuerName>${options.issuerName ?? certificate.issuer.replaceAll('\n', ', ')}</ds:X509IssuerName>` +
      `<ds:X509SerialNumber>${serialDecimal}</ds:X509SerialNumber>` +
      '</xades:IssuerSerial></xades:Cert></xades:SigningCertificate>'
  const signature =
    '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="Signature">' +
    '<ds:SignedInfo>' +
    `<ds:CanonicalizationMethod Algorithm="${c14n}"/>` +
    `<ds:SignatureMethod Algorithm="${signatureMethod}"/>` +
    '<ds:Reference URI=""><ds:Transforms>' +
    '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>' +
    `<ds:Transform Algorithm="${ALGORITHMS.excC14n}"/>` +
    `</ds:Transforms><ds:DigestMethod Algorithm="${digestMethod}"/><ds:DigestValue/></ds:Reference>` +
    `<ds:Reference URI="#SignedProperties"${type}><ds:Transforms>` +
    `<ds:Transform Algorithm="${ALGORITHMS.excC14n}"/>` +
    `</ds:Transforms><ds:DigestMethod Algorithm="${digestMethod}"/><ds:DigestValue/></ds:Reference>` +
    '</ds:SignedInfo><ds:SignatureValue/>' +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${der.toString('base64')}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
    '<ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#Signature">' +
    '<xades:SignedProperties Id="SignedProperties"><xades:SignedSignatureProperties>' +
    (signingTime === null ? '' : `<xades:SigningTime>${signingTime}</xades:SigningTime>`) +
    signingCertificate +
    '</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object>' +
    '</ds:Signature>'
  const template = unsignedXml.replace('</AuthTokenRequest>', `${signature}</AuthTokenRequest>`)
  const templatePath = await workspace.write('template.xml', template)
  const outputPath = workspace.path('signed.xml')
  await runTool('xmlsec1', [
    '--sign',
    '--privkey-pem',
    signer.keyPath,
    '--id-attr:Id',
    'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
    '--output',
    outputPath,
    templatePath,
  ])
  return readFile(outputPath, 'utf8')
}

/** Independent check of what the simulator accepted: `xmlsec1 --verify` with the signer's certificate. */
export async function xmlsecVerify(
  workspace: Workspace,
  signedXml: string,
  certificatePem: string,
): Promise<boolean> {
  const xmlPath = await workspace.write('verify.xml', signedXml)
  const certPath = await workspace.write('verify-cert.pem', certificatePem)
  try {
    await runTool('xmlsec1', [
      '--verify',
      '--insecure',
      '--pubkey-cert-pem',
      certPath,
      '--id-attr:Id',
      'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
      xmlPath,
    ])
    return true
  } catch {
    return false
  }
}
