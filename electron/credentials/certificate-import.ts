import { randomUUID, type KeyObject } from 'node:crypto'
import type { Company } from '../../shared/domain/company'
import type { CertificateSummary, FilePayload } from '../../shared/domain/credentials'
import { AppError } from '../../shared/ipc/errors'
import { nipOfInternalId } from '../../shared/validation/internal-id'
import type { Clock } from '../clock'
import {
  certificateValidity,
  malformedSubjectIdentifier,
  readCertificate,
  type CertificateInfo,
} from '../crypto/certificates'
import {
  assertAcceptedKeyAlgorithm,
  assertKeyMatchesCertificate,
  describeKeyAlgorithm,
  readPrivateKey,
} from '../crypto/keys'
import { readPkcs12 } from '../crypto/pkcs12'
import type { CertificateFiles } from '../vault/certificate-files'
import type { CredentialRepository } from '../vault/credential-repository'
import { certificateKeySecret, type SecretStore } from '../vault/secret-store'
import { certificateEnvironments, type CertificateOriginInfo } from './certificate-environments'
import { assertSelfSignedSubject } from './subject-rules'

export interface CertificateFilesInput {
  certificate?: FilePayload | undefined
  privateKey?: FilePayload | undefined
  pkcs12?: FilePayload | undefined
  password: string
}

export interface LoadedCredential {
  certificate: CertificateInfo
  privateKey: KeyObject
}

const bytes = (file: FilePayload): Buffer => Buffer.from(file.base64, 'base64')

/** The certificate and its private key from the files as the user brings them; the key must fit. */
export async function loadCertificateFiles(
  input: CertificateFilesInput,
): Promise<LoadedCredential> {
  if (input.pkcs12) {
    const contents = await readPkcs12(bytes(input.pkcs12), input.password)
    return { certificate: contents.certificate, privateKey: contents.privateKey }
  }
  if (!input.certificate || !input.privateKey) {
    throw new AppError(
      'CERT_FILES_MISSING',
      'Give the certificate file together with its private key file, or a .p12/.pfx file.',
    )
  }
  const certificate = readCertificate(bytes(input.certificate))
  const key = await readPrivateKey(
    bytes(input.privateKey),
    input.password === '' ? undefined : input.password,
  )
  assertKeyMatchesCertificate(key.key, certificate.der)
  return { certificate, privateKey: key.key }
}

export const companyNip = (company: Company): string =>
  company.identifier.type === 'Nip'
    ? company.identifier.value
    : nipOfInternalId(company.identifier.value)

/** A certificate is stored only while valid: an expired one, or one not valid yet, is refused. */
export function assertValidNow(certificate: CertificateInfo, clock: Clock): void {
  const validity = certificateValidity(certificate, clock)
  if (validity === 'expired') {
    throw new AppError('CERT_EXPIRED', `The certificate expired on ${certificate.validTo}.`, {
      validTo: certificate.validTo,
    })
  }
  if (validity === 'not-yet-valid') {
    throw new AppError(
      'CERT_NOT_YET_VALID',
      `The certificate is valid only from ${certificate.validFrom}.`,
      {
        validFrom: certificate.validFrom,
      },
    )
  }
}

/**
 * What KSeF must be able to read of a certificate before it logs anyone in: a key it accepts,
 * an identifier in its exact format, a self-signed subject as KSeF's rules for Test want it.
 */
export function assertKsefReadsSubject(
  certificate: CertificateInfo,
  origin: CertificateOriginInfo,
): void {
  assertAcceptedKeyAlgorithm(certificate.publicKey)
  const malformed = malformedSubjectIdentifier(certificate.subjectAttributes)
  if (malformed) {
    throw new AppError(
      'CERT_SUBJECT_IDENTIFIER_FORMAT',
      `The subject attribute ${malformed.attribute} holds "${malformed.value}", which is not ${malformed.expected}: KSeF would not read the identifier it means.`,
      { ...malformed },
    )
  }
  if (origin.issuerKind === 'selfSigned') assertSelfSignedSubject(certificate)
}

export interface CertificateChecks {
  company: Company
  clock: Clock
  /** The user confirmed that the certificate's other NIP has permissions in this company. */
  allowOtherSubject: boolean
  existing: CertificateSummary[]
}

/**
 * Everything that must hold before a certificate is stored for a company, each with its own
 * error: valid now, issued for this environment, a key KSeF accepts, an identifier in its exact
 * format, a self-signed subject as KSeF's rules for Test want it, naming this company (unless
 * the user confirmed another subject), not stored already. Returns the summary to store.
 */
export function checkCertificateForCompany(
  certificate: CertificateInfo,
  checks: CertificateChecks,
): Omit<CertificateSummary, 'id' | 'origin' | 'addedAt' | 'isDefault'> {
  const { company } = checks
  assertValidNow(certificate, checks.clock)
  const origin = certificateEnvironments(certificate)
  if (!origin.environments.includes(company.environment)) {
    throw origin.issuerKind === 'selfSigned'
      ? new AppError(
          'CERT_SELF_SIGNED_NOT_TEST',
          'A self-signed certificate works only in the KSeF Test environment.',
          { companyEnvironment: company.environment },
        )
      : new AppError(
          'CERT_WRONG_ENVIRONMENT',
          `This certificate was issued by KSeF for ${origin.environments.join('/')}; it does not work in ${company.environment}.`,
          {
            certificateEnvironments: origin.environments.join('/'),
            companyEnvironment: company.environment,
          },
        )
  }
  assertKsefReadsSubject(certificate, origin)
  const nip = companyNip(company)
  if (
    certificate.identifier?.type === 'Nip' &&
    certificate.identifier.value !== nip &&
    !checks.allowOtherSubject
  ) {
    throw new AppError(
      'CERT_SUBJECT_OTHER_NIP',
      `The certificate names NIP ${certificate.identifier.value}, not the company's NIP ${nip}.`,
      { certificateNip: certificate.identifier.value, companyNip: nip },
    )
  }
  if (checks.existing.some((c) => c.fingerprintSha256 === certificate.fingerprintSha256)) {
    throw new AppError('CERT_DUPLICATE', 'This certificate is already stored for this company.')
  }
  return {
    companyId: company.id,
    name: certificate.commonName ?? certificate.subject,
    kind:
      origin.issuerKind !== 'external' && certificate.usage === 'Offline'
        ? 'Offline'
        : 'Authentication',
    serialNumber: certificate.serialNumber,
    subject: certificate.subject,
    subjectIdentifier: certificate.identifier
      ? { type: certificate.identifier.type, value: certificate.identifier.value }
      : null,
    issuer: certificate.issuer,
    issuerKind: origin.issuerKind,
    environment: company.environment,
    validFrom: certificate.validFrom,
    validTo: certificate.validTo,
    fingerprintSha256: certificate.fingerprintSha256,
    keyAlgorithm: describeKeyAlgorithm(certificate.publicKey),
    ksefStatus: null,
    ksefCheckedAt: null,
  }
}

export interface CredentialStores {
  credentials: CredentialRepository
  certificateFiles: CertificateFiles
  secrets: SecretStore
  clock: Clock
}

/**
 * Stores a checked certificate: the private key sealed first, then the certificate file, then the
 * summary — and undoes the earlier steps if a later one fails, so nothing is left half-stored.
 */
export async function storeCertificate(
  stores: CredentialStores,
  summary: Omit<CertificateSummary, 'id' | 'origin' | 'addedAt' | 'isDefault'>,
  credential: LoadedCredential,
  origin: CertificateSummary['origin'],
  makeDefault: boolean,
): Promise<CertificateSummary> {
  const id = randomUUID()
  const keyName = certificateKeySecret(summary.companyId, id)
  await stores.secrets.set(
    keyName,
    credential.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  )
  try {
    await stores.certificateFiles.write(id, credential.certificate.pem)
    return stores.credentials.addCertificate(
      {
        ...summary,
        id,
        origin,
        addedAt: new Date(stores.clock.now()).toISOString(),
        isDefault: false,
      },
      makeDefault,
    )
  } catch (error) {
    await stores.certificateFiles.remove(id)
    await stores.secrets.delete(keyName)
    throw error
  }
}
