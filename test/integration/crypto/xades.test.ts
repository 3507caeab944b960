// Independent checks of the XAdES signature (xmlsec1) and of the unsigned request (xmllint
// against the official auth 2.1 schema), with keys loaded from encrypted PKCS#8 files.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildAuthTokenRequest } from '../../../electron/crypto/auth-token-request'
import { exportEncryptedKey, readPrivateKey } from '../../../electron/crypto/keys'
import { createTestCertificate } from '../../../electron/crypto/test-certificates'
import { signAuthTokenRequest } from '../../../electron/crypto/xades'
import { tempFolder } from '../../support/temp-folder'
import { mustRun, mustRunBinary, run, write } from '../../support/tools'

const password = 'Abcdefgh1234567!'
const schema = join(import.meta.dirname, '../../../ksef-contract/schemat_auth_v2-1.xsd')
const folder = tempFolder('ksef-desk-xades-')
const challenge = '20250625-CR-20F5EE4000-DA48AE4124-46'

const xmlsecVerify = (xmlFile: string, trustedPem: string) =>
  run('xmlsec1', [
    '--verify',
    '--enabled-key-data',
    'x509',
    '--trusted-pem',
    trustedPem,
    '--id-attr:Id',
    'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
    xmlFile,
  ])

beforeAll(async () => {
  for (const keyType of ['ec', 'rsa'] as const) {
    const made = await createTestCertificate(
      {
        kind: 'person',
        givenName: 'Jan',
        surname: 'Kowalski',
        identifier: { type: 'Nip', value: '5265877635' },
      },
      { keyType },
    )
    write(folder.path, `${keyType}.crt`, made.certificatePem)
    write(folder.path, `${keyType}.key`, exportEncryptedKey(made.privateKey, password))
  }
  // The RSA key also as openssl writes it, so the signing key comes from a file we did not write.
  mustRun(
    'openssl',
    [
      'pkcs8',
      '-topk8',
      '-in',
      `rsa.key`,
      '-passin',
      `pass:${password}`,
      '-v2',
      'aes-128-cbc',
      '-v2prf',
      'hmacWithSHA1',
      '-passout',
      `pass:${password}`,
      '-out',
      'rsa-openssl.key',
    ],
    { cwd: folder.path },
  )
})

afterAll(() => folder.remove())

describe('XAdES signatures verified by xmlsec1', () => {
  it.each([
    ['ec', 'ec.key'],
    ['rsa', 'rsa.key'],
    ['rsa', 'rsa-openssl.key'],
  ] as const)('verifies an %s signature made with the key from %s', async (keyType, keyFile) => {
    const certificatePem = join(folder.path, `${keyType}.crt`)
    const { key } = await readPrivateKey(readFileSync(join(folder.path, keyFile)), password)
    const certificate = mustRunBinary('openssl', ['x509', '-in', certificatePem, '-outform', 'DER'])
    const xml = buildAuthTokenRequest({ challenge, context: { type: 'Nip', value: '5265877635' } })
    const signed = signAuthTokenRequest(xml, {
      certificate: readFileSync(certificatePem),
      privateKey: key,
    })
    const signedFile = write(folder.path, `signed-${keyType}-${keyFile}.xml`, signed)

    const result = xmlsecVerify(signedFile, certificatePem)
    expect(result.stderr).toMatch(/^OK$/m)
    expect(result.stderr).toMatch(/SignedInfo References \(ok\/all\): 2\/2/)
    expect(result.status).toBe(0)

    // SigningCertificate's digest is the SHA-256 of the certificate in KeyInfo.
    const keyInfoCertificate = Buffer.from(
      /<ds:X509Certificate>([^<]+)</.exec(signed)?.[1] ?? '',
      'base64',
    )
    const certDigest = /<xades:CertDigest>.*?<ds:DigestValue>([^<]+)</.exec(signed)?.[1]
    const opensslDigest = mustRunBinary('openssl', ['dgst', '-sha256', '-binary'], {
      input: keyInfoCertificate,
    })
    expect(certDigest).toBe(opensslDigest.toString('base64'))
    expect(keyInfoCertificate).toEqual(certificate)
    expect(certDigest).toBe(createHash('sha256').update(certificate).digest('base64'))
  })

  it('signs a request written elsewhere: CRLF lines, a prefixed root, comments, a CR by reference', async () => {
    const { key } = await readPrivateKey(readFileSync(join(folder.path, 'ec.key')), password)
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!-- from the ERP -->',
      '<t:AuthTokenRequest xmlns:t="http://ksef.mf.gov.pl/auth/token/2.0" xmlns:x="urn:unused">',
      `  <t:Challenge>${challenge}</t:Challenge><!-- inside -->`,
      '  <t:ContextIdentifier><t:Nip>5265877635</t:Nip></t:ContextIdentifier>',
      '  <t:SubjectIdentifierType>certificateSubject&#xD;</t:SubjectIdentifierType>',
      '</t:AuthTokenRequest>',
      '<!-- after -->',
    ].join('\r\n')
    const signed = signAuthTokenRequest(xml, {
      certificate: readFileSync(join(folder.path, 'ec.crt')),
      privateKey: key,
    })
    expect(signed).toContain('certificateSubject&#xD;</t:SubjectIdentifierType>')
    const result = xmlsecVerify(
      write(folder.path, 'foreign.xml', signed),
      join(folder.path, 'ec.crt'),
    )
    expect(result.stderr).toMatch(/SignedInfo References \(ok\/all\): 2\/2/)
    expect(result.status).toBe(0)
  })

  it('fails xmlsec1 when the signed document is changed or the signer is not trusted', async () => {
    const { key } = await readPrivateKey(readFileSync(join(folder.path, 'ec.key')), password)
    const xml = buildAuthTokenRequest({ challenge, context: { type: 'Nip', value: '5265877635' } })
    const signed = signAuthTokenRequest(xml, {
      certificate: readFileSync(join(folder.path, 'ec.crt')),
      privateKey: key,
    })
    const tampered = write(folder.path, 'tampered.xml', signed.replace('5265877635', '1111111111'))
    expect(xmlsecVerify(tampered, join(folder.path, 'ec.crt')).status).not.toBe(0)
    const intact = write(folder.path, 'intact.xml', signed)
    expect(xmlsecVerify(intact, join(folder.path, 'rsa.crt')).status).not.toBe(0)
  })
})

describe('the unsigned AuthTokenRequest against schemat_auth_v2-1.xsd', () => {
  it.each([
    ['Nip', { challenge, context: { type: 'Nip', value: '5265877635' } }],
    ['InternalId', { challenge, context: { type: 'InternalId', value: '5265877635-00001' } }],
    [
      'Nip with fingerprint subject and AllowedIps',
      {
        challenge,
        context: { type: 'Nip', value: '5265877635' },
        subjectIdentifierType: 'certificateFingerprint',
        allowedIps: {
          ip4Addresses: ['192.168.0.1'],
          ip4Ranges: ['10.0.0.1-10.0.0.254'],
          ip4Masks: ['172.16.0.0/16'],
        },
      },
    ],
  ] as const)('validates (%s)', (name, input) => {
    const file = write(
      folder.path,
      `request-${name.replace(/\W+/g, '-')}.xml`,
      buildAuthTokenRequest(input),
    )
    const result = run('xmllint', ['--noout', '--schema', schema, file])
    expect(result.stderr).toMatch(/validates$/m)
    expect(result.status).toBe(0)
  })
})
