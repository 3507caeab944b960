// Error codes of key, certificate, signature and QR-link work (electron/crypto). Each names one
// thing the user can fix; the message never carries the key, the password or the token.
import { z } from 'zod'
import { Count, Text, type DetailsSchema } from './details'

export const cryptoErrorCodes = [
  'KEY_UNREADABLE', // not a private key in any supported format, or a truncated file
  'KEY_PASSWORD_REQUIRED', // the key is encrypted and no password was given
  'KEY_WRONG_PASSWORD', // the key is encrypted and the password does not open it
  'KEY_ENCRYPTION_UNSUPPORTED', // the key is encrypted with a scheme this build cannot decrypt
  'KEY_UNSUPPORTED', // a key type KSeF does not accept (only RSA and EC on P-256/384/521 are)
  'KEY_TOO_WEAK', // an RSA key under 2048 bits or an EC curve under 256 bits (KSeF's minimum)
  'KDF_COST_TOO_HIGH', // the file asks for more key-derivation work than any usual tool writes
  'CERT_UNREADABLE', // not an X.509 certificate (PEM, DER or base64 DER)
  'CERT_SUBJECT_TOO_LARGE', // a subject or issuer of more attributes than any real certificate carries
  'KEY_CERT_MISMATCH', // the private key is not the key of this certificate
  'PKCS12_UNREADABLE', // not a PKCS#12 (.p12/.pfx) file, or a damaged one
  'PKCS12_WRONG_PASSWORD', // the .p12 password does not open the file
  'PKCS12_ENCRYPTION_UNSUPPORTED', // legacy .p12 encryption (RC2/3DES), which this app cannot open
  'PKCS12_NO_KEY', // the .p12 holds no private key
  'PKCS12_NO_CERTIFICATE', // the .p12 holds no certificate for its private key
  'FILE_UNRECOGNISED', // neither a certificate, a private key nor a .p12 file
  'AUTH_REQUEST_INVALID', // the AuthTokenRequest data (challenge, context, IPs) is not valid
  'XML_UNREADABLE', // the file to sign is not well-formed XML or not an AuthTokenRequest
  'AUTH_REQUEST_ALREADY_SIGNED', // the AuthTokenRequest to sign carries a signature already
  'XML_PROCESSING_INSTRUCTION', // the AuthTokenRequest to sign holds a <?…?>, which c14n here cannot render
  'XML_DOCTYPE', // the AuthTokenRequest holds a <!DOCTYPE …>: entities or an external id would be passed on
  'XML_INVALID_UTF8', // the AuthTokenRequest's bytes are not valid UTF-8
  'XML_ENCODING_UNSUPPORTED', // the AuthTokenRequest is UTF-16 or declares an encoding other than UTF-8
  'XML_TOO_DEEP', // the AuthTokenRequest nests elements deeper than any signed request does
  'FILE_TOO_LARGE', // a certificate, key, .p12 or request file larger than the limit the app reads
  'ENROLLMENT_DATA_INVALID', // the enrollment data lacks commonName/countryName or is not JSON
  'TOKEN_KEY_INVALID', // the KSeF public key for token encryption is not an RSA certificate
  'QR_INPUT_INVALID', // a KOD I / KOD II field (NIP, date, serial, context) is not valid
  'PESEL_INVALID', // a PESEL for a test certificate is not 11 digits or its check digit is wrong
  'TEST_CERT_NAME_EMPTY', // a test certificate's given name, surname, organisation or CN is blank
] as const

export type CryptoErrorCode = (typeof cryptoErrorCodes)[number]

// A count too large for a JavaScript number, written out in digits.
const Digits = z.string().regex(/^\d{1,40}$/)

/** The name of the input a check refused (challenge, context, sellerNip …), never its value. */
const fieldProblem = z.object({ field: Text })

/** The details of each crypto code, exactly: a field not listed here is not sent. */
export const cryptoErrorDetails = {
  // What the file seems to hold instead (a certificate, a CSR …), when that can be told.
  KEY_UNREADABLE: z.object({ found: Text.optional() }),
  KEY_PASSWORD_REQUIRED: z.object({}),
  KEY_WRONG_PASSWORD: z.object({}),
  KEY_ENCRYPTION_UNSUPPORTED: z.object({ scheme: Text }),
  // Node's key type, or the algorithm described in words ("RSA 1024", "EC secp256k1").
  KEY_UNSUPPORTED: z.object({ keyType: Text.optional(), algorithm: Text.optional() }),
  KEY_TOO_WEAK: z.object({ algorithm: Text }),
  KDF_COST_TOO_HIGH: z.object({ parameter: Text, requested: Digits, limit: Digits }),
  CERT_UNREADABLE: z.object({}),
  CERT_SUBJECT_TOO_LARGE: z.object({ attributes: Count, limit: Count }),
  KEY_CERT_MISMATCH: z.object({}),
  PKCS12_UNREADABLE: z.object({}),
  PKCS12_WRONG_PASSWORD: z.object({}),
  PKCS12_ENCRYPTION_UNSUPPORTED: z.object({}),
  PKCS12_NO_KEY: z.object({}),
  PKCS12_NO_CERTIFICATE: z.object({}),
  FILE_UNRECOGNISED: z.object({}),
  AUTH_REQUEST_INVALID: fieldProblem,
  XML_UNREADABLE: z.object({}),
  AUTH_REQUEST_ALREADY_SIGNED: z.object({}),
  XML_PROCESSING_INSTRUCTION: z.object({}),
  XML_DOCTYPE: z.object({}),
  XML_INVALID_UTF8: z.object({}),
  XML_ENCODING_UNSUPPORTED: z.object({ encoding: Text }),
  XML_TOO_DEEP: z.object({ depth: Count, limit: Count }),
  // The limit in words ("1 MiB"), as the message shows it.
  FILE_TOO_LARGE: z.object({ limit: Text }),
  // Where the enrollment data failed: its schema's issues, or the empty subject attribute's OID.
  ENROLLMENT_DATA_INVALID: z.object({ issues: z.array(Text).optional(), oid: Text.optional() }),
  TOKEN_KEY_INVALID: z.object({}),
  QR_INPUT_INVALID: fieldProblem,
  PESEL_INVALID: z.object({ field: z.literal('pesel') }),
  TEST_CERT_NAME_EMPTY: z.object({ oid: Text }),
} satisfies Record<CryptoErrorCode, DetailsSchema>
