// The XAdES and KSeF-token login pieces, offline: the unsigned AuthTokenRequest, its signature,
// the encrypted token.
import {
  buildAuthTokenRequest,
  type ContextIdentifier,
  type ContextIdentifierType,
} from '../crypto/auth-token-request'
import { encryptKsefToken } from '../crypto/token-cipher'
import { signAuthTokenRequest } from '../crypto/xades'
import { authTokenRequestText } from '../crypto/xml-text'
import type { CliCommand, OptionValues } from './command'
import { credentialOptions, credentialUsage, loadCredential } from './signing-credential'
import {
  optionalString,
  requiredSecret,
  requiredString,
  secretOptions,
  usageError,
} from './options'

const contextOptions = {
  nip: { type: 'string' },
  'internal-id': { type: 'string' },
  'nip-vat-ue': { type: 'string' },
  'peppol-id': { type: 'string' },
} as const

const contextOptionTypes: [keyof typeof contextOptions, ContextIdentifierType][] = [
  ['nip', 'Nip'],
  ['internal-id', 'InternalId'],
  ['nip-vat-ue', 'NipVatUe'],
  ['peppol-id', 'PeppolId'],
]

function contextOf(values: OptionValues): ContextIdentifier {
  const given = contextOptionTypes.flatMap(([option, type]) => {
    const value = optionalString(values, option)
    return value === undefined ? [] : [{ type, value }]
  })
  const context = given[0]
  if (given.length !== 1 || !context) {
    throw usageError('Give exactly one context: --nip, --internal-id, --nip-vat-ue or --peppol-id.')
  }
  return context
}

const authRequest: CliCommand = {
  path: ['auth-request'],
  summary: 'the unsigned AuthTokenRequest XML (schema 2.1), to stdout',
  usage:
    '(--nip N | --internal-id ID | --nip-vat-ue V | --peppol-id P) --challenge C [--fingerprint]',
  help:
    '--challenge is the challenge of POST /auth/challenge. --fingerprint identifies the signer by the\n' +
    "certificate's SHA-256 fingerprint instead of its subject (NIP/PESEL).",
  options: { ...contextOptions, challenge: { type: 'string' }, fingerprint: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  run({ values }) {
    const challenge = requiredString(values, 'challenge')
    const context = contextOf(values)
    const xml = buildAuthTokenRequest({
      challenge,
      context,
      subjectIdentifierType:
        values.fingerprint === true ? 'certificateFingerprint' : 'certificateSubject',
    })
    return Promise.resolve({ text: xml, json: { xml, challenge, context }, document: true })
  },
}

const sign: CliCommand = {
  path: ['sign'],
  summary: 'XAdES-sign an AuthTokenRequest, signed XML to stdout',
  usage: `FILE.xml ${credentialUsage}`,
  help: 'The signed bytes are printed exactly as they must be sent to POST /auth/xades-signature.',
  options: credentialOptions,
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }, io) {
    const xml = authTokenRequestText(io.readFile(positionals[0] ?? ''))
    const { certificate, privateKey } = await loadCredential(values, io)
    const signed = signAuthTokenRequest(
      xml,
      { certificate: certificate.der, privateKey },
      { clock: io.clock },
    )
    return {
      text: signed,
      json: { signedXml: signed, certificateSerialNumber: certificate.serialNumber },
      document: true,
    }
  },
}

const encryptToken: CliCommand = {
  path: ['encrypt-token'],
  summary: 'encrypt "token|timestampMs" for POST /auth/ksef-token, base64 to stdout',
  usage: '(--token T | --token-file F) --timestamp-ms MS --public-key-cert FILE',
  help:
    "--timestamp-ms is the challenge's timestampMs. --public-key-cert is the MF certificate with usage\n" +
    'KsefTokenEncryption (PEM, DER or the base64 the API returns).',
  options: {
    ...secretOptions('token'),
    'timestamp-ms': { type: 'string' },
    'public-key-cert': { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const token = requiredSecret(values, 'token', io)
    const timestampMs = requiredString(values, 'timestamp-ms')
    const publicKey = io.readFile(requiredString(values, 'public-key-cert'))
    const encryptedToken = encryptKsefToken({ token, timestampMs, publicKey })
    return Promise.resolve({ text: encryptedToken, json: { encryptedToken } })
  },
}

export const loginPieceCommands: CliCommand[] = [authRequest, sign, encryptToken]
