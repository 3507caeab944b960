// `inspect`: what a certificate, key or .p12 file holds.
import { readCredentialFile } from '../crypto/credential-files'
import { describeKeyAlgorithm } from '../crypto/keys'
import type { CliCommand } from './command'
import { optionalSecret, secretOptions } from './options'
import { certificateJson, certificateText, keyJson, keyText, lines } from './summaries'

const inspect: CliCommand = {
  path: ['inspect'],
  summary: 'what a certificate, private key or .p12 file holds',
  usage: 'FILE [--password P | --password-file F] [--json]',
  help:
    'FILE may be a certificate (PEM, DER or base64 DER), a private key (PKCS#8 plain or encrypted,\n' +
    'PKCS#1, SEC1; PEM or DER) or a .p12/.pfx file. An encrypted key and a .p12 need --password.',
  options: secretOptions('password'),
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }, io) {
    const path = positionals[0] ?? ''
    const password = optionalSecret(values, 'password', io)
    const file = await readCredentialFile(io.readFile(path), { password, fileName: path })
    switch (file.kind) {
      case 'certificate':
        return {
          text: `Certificate\n${certificateText(file.certificate, io.clock)}`,
          json: { kind: 'certificate', certificate: certificateJson(file.certificate, io.clock) },
        }
      case 'private-key':
        return {
          text: `Private key\n${keyText(file.key)}`,
          json: { kind: 'private-key', key: keyJson(file.key) },
        }
      case 'pkcs12': {
        const { certificate, algorithm, chain } = file.contents
        const chainText = chain.map((c) => `  ${c.subject}`).join('\n') || '  (none)'
        return {
          text:
            `PKCS#12 file\n${lines([['Private key', describeKeyAlgorithm(algorithm)]])}\n` +
            `Certificate of the key\n${certificateText(certificate, io.clock)}\nOther certificates\n${chainText}`,
          json: {
            kind: 'pkcs12',
            keyAlgorithm: algorithm,
            certificate: certificateJson(certificate, io.clock),
            chain: chain.map((c) => certificateJson(c, io.clock)),
          },
        }
      }
    }
  },
}

export const fileCommands: CliCommand[] = [inspect]
