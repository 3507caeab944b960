// The signing credential of a command: a certificate and its key (two files, the key maybe
// encrypted) or one .p12 file; --password opens whichever is protected.
import type { KeyObject } from 'node:crypto'
import { readCertificate, type CertificateInfo } from '../crypto/certificates'
import { assertKeyMatchesCertificate, readPrivateKey } from '../crypto/keys'
import { readPkcs12 } from '../crypto/pkcs12'
import type { OptionSpec, OptionValues } from './command'
import type { CliIo } from './io'
import { optionalSecret, optionalString, secretOptions, usageError } from './options'

export const credentialOptions: OptionSpec = {
  cert: { type: 'string' },
  key: { type: 'string' },
  p12: { type: 'string' },
  ...secretOptions('password'),
}

export const credentialUsage =
  '(--cert FILE --key FILE | --p12 FILE) [--password P | --password-file F]'

export interface LoadedCredential {
  certificate: CertificateInfo
  privateKey: KeyObject
}

export async function loadCredential(values: OptionValues, io: CliIo): Promise<LoadedCredential> {
  const cert = optionalString(values, 'cert')
  const key = optionalString(values, 'key')
  const p12 = optionalString(values, 'p12')
  const password = optionalSecret(values, 'password', io)
  if (p12 !== undefined) {
    if (cert !== undefined || key !== undefined)
      throw usageError('Give --p12, or --cert with --key, not both.')
    const contents = await readPkcs12(io.readFile(p12), password ?? '')
    return { certificate: contents.certificate, privateKey: contents.privateKey }
  }
  if (cert === undefined || key === undefined) throw usageError('Give --cert with --key, or --p12.')
  const certificate = readCertificate(io.readFile(cert))
  const { key: privateKey } = await readPrivateKey(io.readFile(key), password)
  assertKeyMatchesCertificate(privateKey, certificate.der)
  return { certificate, privateKey }
}
