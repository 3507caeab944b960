import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { mustRun } from './tools'

// Credential files made by openssl, as users get them from elsewhere (the MF web app, a CA,
// their own tools): certificates signed by a CA named like KSeF's, self-signed ones, keys plain
// or encrypted, .p12 bundles. Nothing here uses the project's own crypto.

export type KeyType = 'ec' | 'rsa'

const openssl = (args: string[], cwd: string): string => mustRun('openssl', args, { cwd })

const newKey = (type: KeyType): string[] =>
  type === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048']

/** KSeF's real issuer names: "CCK KSeF" (production), "TEST CCK KSeF" (Test and Demo). */
export const ksefIssuerSubject = (environment: 'production' | 'test'): string =>
  `/C=PL/O=Ministry of Finance/OU=National Revenue Administration/CN=${environment === 'production' ? 'CCK KSeF' : 'TEST CCK KSeF'}`

export interface IssuedFiles {
  /** PEM certificate */
  certificate: string
  /** plain PKCS#8 PEM key */
  key: string
}

export class OpensslCredentials {
  #next = 0
  constructor(readonly folder: string) {}

  #name(stem: string): string {
    return `${stem}-${++this.#next}`
  }

  path(file: string): string {
    return join(this.folder, file)
  }

  read(file: string): Buffer {
    return readFileSync(this.path(file))
  }

  /** A CA that signs the way KSeF's does: EC P-256. */
  certificateAuthority(subject: string): IssuedFiles {
    const name = this.#name('ca')
    openssl(
      [
        'req',
        '-x509',
        ...newKey('ec'),
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.crt`,
        '-subj',
        subject,
        '-days',
        '3650',
      ],
      this.folder,
    )
    return { certificate: `${name}.crt`, key: `${name}.key` }
  }

  /** A certificate signed by `ca`, with exactly one key usage, as KSeF issues them. */
  issue(
    ca: IssuedFiles,
    options: {
      subject: string
      keyType?: KeyType
      usage?: 'Authentication' | 'Offline'
      days?: number
    },
  ): IssuedFiles {
    const name = this.#name('leaf')
    openssl(
      [
        'req',
        '-new',
        ...newKey(options.keyType ?? 'ec'),
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
        '-subj',
        options.subject,
      ],
      this.folder,
    )
    const usage = options.usage === 'Offline' ? 'nonRepudiation' : 'digitalSignature'
    writeFileSync(this.path(`${name}.ext`), `keyUsage=critical,${usage}\n`)
    const serial = `0x${(0x1000000000000000n + BigInt(this.#next) * 7919n).toString(16)}`
    openssl(
      [
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        ca.certificate,
        '-CAkey',
        ca.key,
        '-set_serial',
        serial,
        '-days',
        String(options.days ?? 730),
        '-out',
        `${name}.crt`,
        '-extfile',
        `${name}.ext`,
      ],
      this.folder,
    )
    return { certificate: `${name}.crt`, key: `${name}.key` }
  }

  selfSigned(options: { subject: string; keyType?: KeyType }): IssuedFiles {
    const name = this.#name('self')
    openssl(
      [
        'req',
        '-x509',
        ...newKey(options.keyType ?? 'ec'),
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.crt`,
        '-subj',
        options.subject,
        '-days',
        '730',
        '-addext',
        'keyUsage=critical,digitalSignature',
      ],
      this.folder,
    )
    return { certificate: `${name}.crt`, key: `${name}.key` }
  }

  /** The key as encrypted PKCS#8 (PBES2, PBKDF2-SHA256, AES-256-CBC), as the MF web app writes it. */
  encryptKey(key: string, password: string): string {
    const out = `${key}.enc.key`
    openssl(
      [
        'pkcs8',
        '-topk8',
        '-in',
        key,
        '-v2',
        'aes-256-cbc',
        '-v2prf',
        'hmacWithSHA256',
        '-passout',
        `pass:${password}`,
        '-out',
        out,
      ],
      this.folder,
    )
    return out
  }

  /** The certificate in DER, as a .cer file. */
  der(certificate: string): string {
    const out = `${certificate}.cer`
    openssl(['x509', '-in', certificate, '-outform', 'DER', '-out', out], this.folder)
    return out
  }

  pkcs12(files: IssuedFiles, password: string): string {
    const out = `${files.certificate}.p12`
    openssl(
      [
        'pkcs12',
        '-export',
        '-inkey',
        files.key,
        '-in',
        files.certificate,
        '-passout',
        `pass:${password}`,
        '-out',
        out,
      ],
      this.folder,
    )
    return out
  }
}

/** Subjects KSeF recognises: a seal (VATPL-<NIP>) or a person (TINPL-<NIP> / PNOPL-<PESEL>). */
export const sealSubject = (nip: string, name = 'Firma Testowa'): string =>
  `/C=PL/O=${name}/organizationIdentifier=VATPL-${nip}/CN=${name}`

export const personSubject = (identifier: string, type: 'TINPL' | 'PNOPL' = 'TINPL'): string =>
  `/C=PL/GN=Jan/SN=Kowalski/serialNumber=${type}-${identifier}/CN=Jan Kowalski`
