// Error codes of the KSeF certificate lifecycle (tab Certyfikaty: Wniosek o certyfikat, status,
// Pobierz certyfikat, the KSeF list, Unieważnij, Odnów). KSeF's own refusals keep their KsefError
// codes (KSEF_ERROR with 25009 …) and are explained by shared/ksef/codes.ts; these are the app's.
import { z } from 'zod'
import { LoginMethod } from '../domain/auth'
import { CertificateIssuerKind, CertificateKind } from '../domain/credentials'
import {
  Count,
  KsefCode,
  KsefCodeKindDetail,
  Text,
  ksefRefusalDetails,
  type DetailsSchema,
} from './details'

export const certificateLifecycleErrorCodes = [
  'CERT_NAME_TOO_SHORT', // the enrollment name has fewer than 5 characters
  'CERT_NAME_TOO_LONG', // the enrollment name has more than 100 characters
  'CERT_NAME_CHARACTERS', // the enrollment name holds a dot or another character KSeF refuses
  'CERT_ENROLL_NEEDS_SIGNATURE', // the company's session came from a KSeF token: enrollment needs a signature
  'CERT_REVOKE_NEEDS_SIGNATURE', // the company's session came from a KSeF token: revocation needs a signature
  'CERT_ENROLLMENT_LIMIT_REACHED', // KSeF's limit of enrollments for the subject is used up
  'CERT_ACTIVE_LIMIT_REACHED', // KSeF's limit of active certificates for the subject is used up
  'CERT_ENROLLMENT_NOT_ALLOWED', // KSeF says no enrollment may be requested now, naming no limit
  'CERT_ENROLLMENT_NOT_FOUND', // no such enrollment is kept for the company
  'CERT_ENROLLMENT_PENDING', // the certificate is not issued yet: there is no serial number to retrieve
  'CERT_ENROLLMENT_REJECTED', // KSeF ended the enrollment with 400, 500 or 550; its key was deleted
  'CERT_ENROLLMENT_GONE', // KSeF no longer keeps the enrollment (HTTP 410, after 30 days)
  'CERT_ENROLLMENT_IN_PROGRESS', // the enrollment is being checked or retrieved by another request
  'CERT_ENROLLMENT_UNFINISHED', // removal of an enrollment KSeF may still answer for: its key is needed
  'CERT_ENROLLMENT_KEY_MISSING', // the private key sealed for the enrollment is gone
  'CERT_ENROLLMENT_WRONG_TYPE', // the issued certificate's key usage is not the type asked for
  'CERT_NOT_IN_KSEF', // KSeF returned no certificate for the enrollment's serial number
  'CERT_RENEW_NOT_KSEF', // only a certificate KSeF issued can be renewed (Odnów)
  'CERT_REVOKE_OTHER_SUBJECT', // the certificate names another subject: only its owner may revoke it
] as const

export type CertificateLifecycleErrorCode = (typeof certificateLifecycleErrorCodes)[number]

// Every rule the name breaks (the first is the code), and how long it is.
const nameProblem = {
  field: z.literal('name'),
  broken: z.array(z.enum(['CERT_NAME_TOO_SHORT', 'CERT_NAME_TOO_LONG', 'CERT_NAME_CHARACTERS'])),
  length: Count,
}

/** KSeF's limits for the subject (GET /certificates/limits), which a refusal names. */
const limits = z.object({
  enrollmentLimit: z.number().int(),
  enrollmentRemaining: z.number().int(),
  certificateLimit: z.number().int(),
  certificateRemaining: z.number().int(),
})

const needsSignature = z.object({ loginMethod: LoginMethod })

/** The details of each certificate lifecycle code, exactly: a field not listed here is not sent. */
export const certificateLifecycleErrorDetails = {
  CERT_NAME_TOO_SHORT: z.object(nameProblem),
  CERT_NAME_TOO_LONG: z.object(nameProblem),
  // The characters KSeF refuses, each once.
  CERT_NAME_CHARACTERS: z.object({ ...nameProblem, forbidden: z.array(Text) }),
  CERT_ENROLL_NEEDS_SIGNATURE: needsSignature,
  CERT_REVOKE_NEEDS_SIGNATURE: needsSignature,
  CERT_ENROLLMENT_LIMIT_REACHED: limits,
  CERT_ACTIVE_LIMIT_REACHED: limits,
  CERT_ENROLLMENT_NOT_ALLOWED: limits,
  CERT_ENROLLMENT_NOT_FOUND: z.object({ referenceNumber: Text.optional() }),
  CERT_ENROLLMENT_PENDING: z.object({ statusCode: z.number().int().nullable() }),
  // Raised as a KsefError: KSeF's enrollment status (400, 500, 550) with its words.
  CERT_ENROLLMENT_REJECTED: z.object(ksefRefusalDetails),
  CERT_ENROLLMENT_GONE: z.object({
    referenceNumber: Text,
    httpStatus: z.number().int(),
    ksefCodeKind: KsefCodeKindDetail,
    ksefCode: KsefCode,
  }),
  CERT_ENROLLMENT_IN_PROGRESS: z.object({}),
  CERT_ENROLLMENT_UNFINISHED: z.object({
    statusCode: z.number().int().nullable(),
    serialNumber: Text.nullable(),
  }),
  CERT_ENROLLMENT_KEY_MISSING: z.object({ serialNumber: Text }),
  CERT_ENROLLMENT_WRONG_TYPE: z.object({
    requested: CertificateKind,
    issued: CertificateKind.nullable(),
  }),
  CERT_NOT_IN_KSEF: z.object({ serialNumber: Text }),
  CERT_RENEW_NOT_KSEF: z.object({ issuerKind: CertificateIssuerKind }),
  // KSeF's 25008, which it gives alike for an unknown serial and for another subject's one.
  CERT_REVOKE_OTHER_SUBJECT: z.object({
    serialNumber: Text,
    subject: Text,
    ksefCodeKind: KsefCodeKindDetail,
    ksefCode: KsefCode,
  }),
} satisfies Record<CertificateLifecycleErrorCode, DetailsSchema>
