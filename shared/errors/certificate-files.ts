// Error codes of a certificate's files going out of the app (Eksportuj, Sprawdź certyfikat trybu
// Offline, files saved by main) and of the subject checks a certificate coming in must pass.
// Each names one thing the user can fix; nothing is written or stored when one is raised.
import { z } from 'zod'
import { CertificateKind } from '../domain/credentials'
import type { ExportPasswordRule } from '../validation/export-password'
import { Text, type DetailsSchema } from './details'

export const certificateFileErrorCodes = [
  'EXPORT_PASSWORD_LENGTH', // the export password is not 15–32 characters long
  'EXPORT_PASSWORD_UPPER', // … has no upper-case letter
  'EXPORT_PASSWORD_LOWER', // … has no lower-case letter
  'EXPORT_PASSWORD_DIGIT', // … has no digit
  'EXPORT_PASSWORD_SPECIAL', // … has none of !@#$%^&*()-_+=
  'EXPORT_PASSWORD_CHARACTERS', // … holds a character the MF rules do not allow (Polish letter, space…)
  'FILE_EXISTS', // a file of that name is there already (a chosen folder, a CLI output): nothing is overwritten
  'CERT_KEY_MISSING', // the certificate's private key is not in the vault of this computer
  'OFFLINE_CHECK_NOT_OFFLINE', // Sprawdź certyfikat trybu Offline asked of an Authentication certificate
  'FILE_SAVE_FAILED', // the chosen folder could not be written to
  'FILE_DESTINATION_MISSING', // this way of running the app was given no place to save files
  'CERT_SUBJECT_ATTRIBUTE_MISSING', // a self-signed certificate lacks a subject attribute KSeF requires
  'CERT_SUBJECT_ATTRIBUTE_FORBIDDEN', // a self-signed certificate carries an attribute KSeF refuses
  'CERT_SUBJECT_IDENTIFIER_FORMAT', // TINPL-/PNOPL-/VATPL- identifier not in its exact format
] as const

export type CertificateFileErrorCode = (typeof certificateFileErrorCodes)[number]

// Every MF rule the export password breaks (never the password): the first one is the code.
const passwordProblem = z.object({
  brokenRules: z.array(
    z.enum(['length', 'upper', 'lower', 'digit', 'special', 'characters'] satisfies [
      ExportPasswordRule,
      ...ExportPasswordRule[],
    ]),
  ),
})

// A subject attribute by its name and OID, and the kind of subject whose rule it breaks.
const subjectProblem = z.object({
  attribute: Text,
  oid: Text,
  subjectKind: z.enum(['person', 'seal']),
})

/** The details of each certificate file code, exactly: a field not listed here is not sent. */
export const certificateFileErrorDetails = {
  EXPORT_PASSWORD_LENGTH: passwordProblem,
  EXPORT_PASSWORD_UPPER: passwordProblem,
  EXPORT_PASSWORD_LOWER: passwordProblem,
  EXPORT_PASSWORD_DIGIT: passwordProblem,
  EXPORT_PASSWORD_SPECIAL: passwordProblem,
  EXPORT_PASSWORD_CHARACTERS: passwordProblem,
  // A CLI output (path), or a file in the chosen folder (name, folder); the CLI adds the reference
  // number of a token it generated but could not write.
  FILE_EXISTS: z.object({
    path: Text.optional(),
    name: Text.optional(),
    folder: Text.optional(),
    referenceNumber: Text.optional(),
  }),
  CERT_KEY_MISSING: z.object({}),
  OFFLINE_CHECK_NOT_OFFLINE: z.object({ kind: CertificateKind }),
  // The file system's code (EACCES, ENOSPC), or "unknown".
  FILE_SAVE_FAILED: z.object({ folder: Text, reason: Text }),
  FILE_DESTINATION_MISSING: z.object({}),
  CERT_SUBJECT_ATTRIBUTE_MISSING: subjectProblem,
  CERT_SUBJECT_ATTRIBUTE_FORBIDDEN: subjectProblem,
  // The attribute's value as the certificate holds it, and the format it should have.
  CERT_SUBJECT_IDENTIFIER_FORMAT: z.object({
    attribute: z.enum(['serialNumber', 'organizationIdentifier']),
    value: Text,
    expected: Text,
  }),
} satisfies Record<CertificateFileErrorCode, DetailsSchema>
