// Verification links for invoice QR codes: KOD I (every invoice), KOD II (offline invoices).
import { contextIdentifierTypes } from '../crypto/auth-token-request'
import { certificateVerificationLink, invoiceVerificationLink } from '../crypto/qr-links'
import type { CliCommand } from './command'
import { credentialOptions, credentialUsage, loadCredential } from './signing-credential'
import { environmentOf, environmentOption, oneOf, requiredString } from './options'

const qrInvoice: CliCommand = {
  path: ['qr', 'invoice'],
  summary: 'the KOD I link that verifies an invoice',
  usage: '--nip N --date YYYY-MM-DD --file INVOICE.xml [--env test|demo|prod]',
  help: "--nip is the seller's NIP, --date the invoice date (P_1). --env defaults to test.",
  options: {
    nip: { type: 'string' },
    date: { type: 'string' },
    file: { type: 'string' },
    ...environmentOption,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const link = invoiceVerificationLink({
      environment: environmentOf(values),
      sellerNip: requiredString(values, 'nip'),
      issueDate: requiredString(values, 'date'),
      invoice: io.readFile(requiredString(values, 'file')),
    })
    return Promise.resolve({ text: link, json: { link } })
  },
}

const qrCertificate: CliCommand = {
  path: ['qr', 'certificate'],
  summary: 'the KOD II link that verifies the issuer of an offline invoice',
  usage: `--context-type T --context V --nip N --serial S --file INVOICE.xml ${credentialUsage} [--env test|demo|prod]`,
  help:
    '--context-type/--context: the login context in which the issuer may invoice (Nip, InternalId,\n' +
    "NipVatUe, PeppolId); --nip: the seller's NIP; --serial: the Offline certificate's KSeF serial number.\n" +
    'The key must be that of a KSeF Offline certificate. --env defaults to test.',
  options: {
    'context-type': { type: 'string' },
    context: { type: 'string' },
    nip: { type: 'string' },
    serial: { type: 'string' },
    file: { type: 'string' },
    ...credentialOptions,
    ...environmentOption,
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, io) {
    const contextType = oneOf(values, 'context-type', contextIdentifierTypes)
    const serial = requiredString(values, 'serial')
    const { certificate, privateKey } = await loadCredential(values, io)
    const link = certificateVerificationLink({
      environment: environmentOf(values),
      context: { type: contextType, value: requiredString(values, 'context') },
      sellerNip: requiredString(values, 'nip'),
      certificateSerial: serial,
      invoice: io.readFile(requiredString(values, 'file')),
      privateKey,
    })
    const warnings = [
      ...(certificate.usage === 'Offline'
        ? []
        : [
            'the certificate is not an Offline certificate; KSeF verifies KOD II only with Offline certificates',
          ]),
      ...(certificate.serialNumber === serial.toUpperCase()
        ? []
        : [
            `--serial ${serial} is not the serial number of the certificate (${certificate.serialNumber})`,
          ]),
    ]
    for (const warning of warnings) io.stderr(`warning: ${warning}\n`)
    return { text: link, json: { link, warnings } }
  },
}

export const qrCommands: CliCommand[] = [qrInvoice, qrCertificate]
