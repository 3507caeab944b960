// Error codes of a certificate's files going out of the app (Eksportuj, Sprawdź certyfikat trybu
// Offline, files saved by main) and of the subject checks a certificate coming in must pass.
// Each names one thing the user can fix; nothing is written or stored when one is raised.
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
