// How certificates and keys read on a terminal and in --json: facts only, never key material.
import type { Clock } from '../clock'
import { certificateValidity, type CertificateInfo } from '../crypto/certificates'
import { describeKeyAlgorithm, type PrivateKeyFile } from '../crypto/keys'

export function certificateJson(info: CertificateInfo, clock: Clock) {
  return {
    subject: info.subject,
    issuer: info.issuer,
    subjectAttributes: info.subjectAttributes,
    commonName: info.commonName,
    serialNumber: info.serialNumber,
    identifier: info.identifier,
    validFrom: info.validFrom,
    validTo: info.validTo,
    validity: certificateValidity(info, clock),
    keyUsage: info.keyUsage,
    ksefType: info.usage,
    publicKey: info.publicKey,
    fingerprintSha256: info.fingerprintSha256,
    selfSigned: info.selfSigned,
  }
}

const validityText = {
  valid: 'valid now',
  'not-yet-valid': 'NOT YET VALID',
  expired: 'EXPIRED',
} as const

export function certificateText(info: CertificateInfo, clock: Clock): string {
  const identifier = info.identifier
    ? `${info.identifier.type === 'Nip' ? 'NIP' : 'PESEL'} ${info.identifier.value} (from ${info.identifier.attribute})`
    : 'none KSeF recognises (login by fingerprint only)'
  return lines([
    ['Subject', info.subject],
    ['Issuer', info.issuer],
    ['Serial number', info.serialNumber],
    ['Identifier', identifier],
    [
      'Valid',
      `${info.validFrom} – ${info.validTo} (${validityText[certificateValidity(info, clock)]})`,
    ],
    ['Key usage', info.keyUsage.join(', ') || 'not restricted'],
    ['KSeF type', info.usage ?? 'neither Authentication nor Offline'],
    ['Public key', describeKeyAlgorithm(info.publicKey)],
    ['SHA-256 fingerprint', info.fingerprintSha256],
    ['Self-signed', info.selfSigned ? 'yes' : 'no'],
  ])
}

export function keyJson(key: PrivateKeyFile) {
  return {
    format: key.format,
    encoding: key.encoding,
    encryption: key.encryption,
    algorithm: key.algorithm,
  }
}

const formatNames = {
  pkcs8: 'PKCS#8',
  'encrypted-pkcs8': 'encrypted PKCS#8',
  pkcs1: 'PKCS#1 (RSA)',
  sec1: 'SEC1 (EC)',
  'encrypted-pem': 'legacy encrypted PEM',
} as const

export function keyText(key: PrivateKeyFile): string {
  return lines([
    ['Format', `${formatNames[key.format]}, ${key.encoding.toUpperCase()}`],
    ['Encryption', key.encryption ?? 'none'],
    ['Algorithm', describeKeyAlgorithm(key.algorithm)],
  ])
}

export function lines(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([label]) => label.length))
  return rows.map(([label, value]) => `  ${`${label}:`.padEnd(width + 1)} ${value}`).join('\n')
}
