// Making key material: a CSR for KSeF enrollment, a self-signed certificate for TEST.
import { createCsr, parseEnrollmentData } from '../crypto/csr'
import { readCertificate } from '../crypto/certificates'
import { exportEncryptedKey } from '../crypto/keys'
import { createTestCertificate, type TestCertificateSubject } from '../crypto/test-certificates'
import { AppError } from '../../shared/ipc/errors'
import type { CliCommand, OptionValues } from './command'
import {
  oneOf,
  optionalString,
  requiredSecret,
  requiredString,
  secretOptions,
  usageError,
} from './options'
import { certificateJson, certificateText } from './summaries'

const keyOutputOptions = {
  'key-out': { type: 'string' },
  ...secretOptions('key-password'),
  'key-type': { type: 'string' },
  force: { type: 'boolean' },
} as const

const csr: CliCommand = {
  path: ['csr'],
  summary: 'a fresh key pair and a CSR for KSeF enrollment; base64 DER CSR to stdout',
  usage:
    '--enrollment-data F.json [--key-type ec|rsa] --key-out FILE (--key-password P | --key-password-file F) [--force]',
  help:
    '--enrollment-data is the body of GET /certificates/enrollments/data. The new private key is written to\n' +
    '--key-out as encrypted PKCS#8; the password must follow the MF rules (15–32 characters: upper, lower,\n' +
    'digit, one of !@#$%^&*()-_+=). Keep the key: KSeF never returns it.',
  options: { 'enrollment-data': { type: 'string' }, ...keyOutputOptions },
  positionals: { min: 0, max: 0 },
  async run({ values }, io) {
    const dataFile = requiredString(values, 'enrollment-data')
    const keyOut = requiredString(values, 'key-out')
    const keyPassword = requiredSecret(values, 'key-password', io)
    const keyType = oneOf(values, 'key-type', ['ec', 'rsa'], 'ec')
    const data = parseEnrollmentData(parseJson(io.readFile(dataFile).toString('utf8')))
    const request = await createCsr(data, { keyType })
    // The key is written before the CSR is shown: a CSR whose key is lost is worthless.
    io.writeFile(keyOut, exportEncryptedKey(request.privateKey, keyPassword), {
      secret: true,
      overwrite: values.force === true,
    })
    return {
      text: request.csrBase64,
      json: { csr: request.csrBase64, keyType, keyFile: keyOut, subject: request.subject },
    }
  },
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new AppError('ENROLLMENT_DATA_INVALID', 'The enrollment data file is not JSON.')
  }
}

const testCert: CliCommand = {
  path: ['test-cert'],
  summary: 'a self-signed certificate for the KSeF TEST environment, and its key',
  usage:
    '(--nip N | --pesel P [--nip N] | --seal-nip N) --cert-out FILE --key-out FILE (--key-password P | --key-password-file F)\n' +
    '    [--key-type ec|rsa] [--given-name G] [--surname S] [--organization O] [--common-name CN] [--offline] [--force]',
  help:
    'A person certificate carries serialNumber TINPL-<NIP> (--nip) or PNOPL-<PESEL> (--pesel); a seal\n' +
    'organizationIdentifier VATPL-<NIP> (--seal-nip). With --pesel, --nip names the company the person acts\n' +
    'for: link the PESEL to it on TEST (POST /testdata/person) before logging in. --offline makes a\n' +
    'certificate for KOD II (nonRepudiation) instead of login (digitalSignature). Only TEST accepts these.',
  options: {
    nip: { type: 'string' },
    pesel: { type: 'string' },
    'seal-nip': { type: 'string' },
    'cert-out': { type: 'string' },
    'given-name': { type: 'string', default: 'Jan' },
    surname: { type: 'string', default: 'Kowalski' },
    organization: { type: 'string' },
    'common-name': { type: 'string' },
    offline: { type: 'boolean' },
    ...keyOutputOptions,
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, io) {
    const subject = testSubjectOf(values)
    const certOut = requiredString(values, 'cert-out')
    const keyOut = requiredString(values, 'key-out')
    const keyPassword = requiredSecret(values, 'key-password', io)
    const keyType = oneOf(values, 'key-type', ['ec', 'rsa'], 'ec')
    const made = await createTestCertificate(subject, {
      keyType,
      usage: values.offline === true ? 'Offline' : 'Authentication',
      clock: io.clock,
    })
    const overwrite = values.force === true
    io.writeFile(keyOut, exportEncryptedKey(made.privateKey, keyPassword), {
      secret: true,
      overwrite,
    })
    io.writeFile(certOut, made.certificatePem, { secret: false, overwrite })
    const info = readCertificate(made.certificate)
    const actsFor =
      subject.kind === 'person' && subject.identifier.type === 'Pesel'
        ? optionalString(values, 'nip')
        : undefined
    const hint = actsFor
      ? `\nBefore logging in to NIP ${actsFor} on TEST, link the PESEL to it (POST /testdata/person).`
      : ''
    return {
      text: `Certificate written to ${certOut}, key to ${keyOut}\n${certificateText(info, io.clock)}${hint}`,
      json: {
        certificateFile: certOut,
        keyFile: keyOut,
        certificate: certificateJson(info, io.clock),
        actsForNip: actsFor ?? null,
      },
    }
  },
}

function testSubjectOf(values: OptionValues): TestCertificateSubject {
  const nip = optionalString(values, 'nip')
  const pesel = optionalString(values, 'pesel')
  const sealNip = optionalString(values, 'seal-nip')
  const commonName = optionalString(values, 'common-name')
  if (sealNip !== undefined) {
    if (nip !== undefined || pesel !== undefined)
      throw usageError('--seal-nip goes alone, without --nip or --pesel.')
    const organizationName = optionalString(values, 'organization') ?? `Test ${sealNip}`
    return { kind: 'seal', organizationName, nip: sealNip, commonName }
  }
  const givenName = requiredString(values, 'given-name')
  const surname = requiredString(values, 'surname')
  if (pesel !== undefined) {
    return {
      kind: 'person',
      givenName,
      surname,
      identifier: { type: 'Pesel', value: pesel },
      commonName,
    }
  }
  if (nip !== undefined) {
    return {
      kind: 'person',
      givenName,
      surname,
      identifier: { type: 'Nip', value: nip },
      commonName,
    }
  }
  throw usageError('Give --nip, --pesel or --seal-nip.')
}

export const keyMaterialCommands: CliCommand[] = [csr, testCert]
