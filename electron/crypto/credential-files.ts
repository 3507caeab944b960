// Telling what a file a user picked holds — a certificate, a private key or a .p12 — by its
// content, so "Load from file" and `ksef-desk inspect` take any of them in any encoding.
import { X509Certificate } from 'node:crypto'
import * as asn1js from 'asn1js'
import { AppError } from '../../shared/ipc/errors'
import { readCertificate, type CertificateInfo } from './certificates'
import { derOf, isPem, pemBlocks } from './encoding'
import { arrayBufferOf, readPrivateKey, type PrivateKeyFile } from './keys'
import { readPkcs12, type Pkcs12Contents } from './pkcs12'
import { pkijs } from './webcrypto'

export type CredentialFileKind = 'certificate' | 'private-key' | 'pkcs12'

export type CredentialFile =
  | { kind: 'certificate'; certificate: CertificateInfo }
  | { kind: 'private-key'; key: PrivateKeyFile }
  | { kind: 'pkcs12'; contents: Pkcs12Contents }

const keyLabels = ['PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY']
const certificateLabels = ['CERTIFICATE', 'X509 CERTIFICATE']

/** What the file holds; FILE_UNRECOGNISED (or the reader's code, given a telling extension) otherwise. */
export function credentialFileKind(data: Buffer, fileName = ''): CredentialFileKind {
  if (isPem(data)) {
    const labels = pemBlocks(data).map((b) => b.label)
    if (labels.some((l) => keyLabels.includes(l))) return 'private-key'
    if (labels.some((l) => certificateLabels.includes(l))) return 'certificate'
  } else {
    const der = derOf(data, []) ?? data
    if (isCertificate(der)) return 'certificate'
    if (isPfx(der)) return 'pkcs12'
    if (looksLikeKey(der)) return 'private-key'
  }
  throw unrecognised(fileName)
}

export async function readCredentialFile(
  data: Buffer,
  options: { password?: string; fileName?: string } = {},
): Promise<CredentialFile> {
  switch (credentialFileKind(data, options.fileName)) {
    case 'certificate':
      return { kind: 'certificate', certificate: readCertificate(data) }
    case 'private-key':
      return { kind: 'private-key', key: await readPrivateKey(data, options.password) }
    case 'pkcs12':
      return { kind: 'pkcs12', contents: await readPkcs12(data, options.password ?? '') }
  }
}

function isCertificate(der: Buffer): boolean {
  try {
    return new X509Certificate(der).raw.length > 0
  } catch {
    return false
  }
}

function isPfx(der: Buffer): boolean {
  try {
    pkijs.PFX.fromBER(arrayBufferOf(der))
    return true
  } catch {
    return false
  }
}

function looksLikeKey(der: Buffer): boolean {
  try {
    pkijs.PKCS8ShroudedKeyBag.fromBER(arrayBufferOf(der))
    return true
  } catch {
    // Plain PKCS#8, PKCS#1 and SEC1 keys are each a SEQUENCE that opens with a version INTEGER.
    const parsed = asn1js.fromBER(arrayBufferOf(der))
    return (
      parsed.offset !== -1 &&
      parsed.result instanceof asn1js.Sequence &&
      parsed.result.valueBlock.value[0] instanceof asn1js.Integer
    )
  }
}

function unrecognised(fileName: string): AppError {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''
  if (['p12', 'pfx'].includes(extension)) {
    return new AppError('PKCS12_UNREADABLE', 'The file is not a .p12/.pfx file, or it is damaged.')
  }
  if (extension === 'key')
    return new AppError('KEY_UNREADABLE', 'The file is not a private key, or it is damaged.')
  if (['crt', 'cer', 'der'].includes(extension)) {
    return new AppError('CERT_UNREADABLE', 'The file is not a certificate, or it is damaged.')
  }
  return new AppError(
    'FILE_UNRECOGNISED',
    'The file is neither a certificate, a private key nor a .p12 file.',
  )
}
