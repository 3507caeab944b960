import { X509Certificate } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { startSimulator } from '../../ksef-sim'
import type { RunningSimulator } from '../../ksef-sim'
import type { KeyAndCertificate } from '../../support/external-tools'
import {
  ALGORITHMS,
  NS_20,
  Workspace,
  authTokenRequestXml,
  selfSignedCertificate,
  writeKeyAndCertificate,
  xmlsecSign,
  xmlsecVerify,
} from '../../support/external-tools'
import {
  NIP,
  OTHER_NIP,
  PERSON_SUBJECT,
  awaitAuthStatus,
  expectNoViolations,
  newChallenge,
  postSignedRequest,
  redeemSession,
  submitSignature,
} from './flows'
import { call, exceptionCode, exceptionDetails, field, text } from './sim-http'

let sim: RunningSimulator
let ws: Workspace
let ecSigner: KeyAndCertificate
let rsaSigner: KeyAndCertificate

beforeAll(async () => {
  sim = await startSimulator({ authStatusDelayMs: 0 })
  ws = await Workspace.create()
  ecSigner = await selfSignedCertificate(ws, PERSON_SUBJECT, 'ec')
  rsaSigner = await selfSignedCertificate(ws, PERSON_SUBJECT, 'rsa')
})

afterAll(async () => {
  expectNoViolations(sim)
  await sim.close()
  await ws.dispose()
})

async function signedRequest(signer = ecSigner, nip = NIP): Promise<string> {
  const { challenge } = await newChallenge(sim)
  return xmlsecSign(ws, authTokenRequestXml({ challenge, nip }), signer)
}

/** Flips one bit inside the base64 content of the first element named `tag`. */
function corruptBase64(xml: string, tag: string): string {
  const pattern = new RegExp(`(<ds:${tag}[^>]*>)([^<]+)(</ds:${tag}>)`)
  return xml.replace(pattern, (_all, open: string, content: string, close: string) => {
    const bytes = Buffer.from(content.replace(/\s/g, ''), 'base64')
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01
    return `${open}${bytes.toString('base64')}${close}`
  })
}

/** r‖s (what XMLDSig wants) re-encoded as an ASN.1 DER ECDSA-Sig-Value (what it must not get). */
function rawEcdsaToDer(raw: Buffer): Buffer {
  const integer = (value: Buffer) => {
    let bytes = value
    while (bytes.length > 1 && bytes[0] === 0 && ((bytes[1] ?? 0) & 0x80) === 0)
      bytes = bytes.subarray(1)
    if (((bytes[0] ?? 0) & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes])
    return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes])
  }
  const body = Buffer.concat([integer(raw.subarray(0, 32)), integer(raw.subarray(32))])
  return Buffer.concat([Buffer.from([0x30, body.length]), body])
}

describe('accepted signatures (xmlsec1 over a XAdES-BES template)', () => {
  test.each([
    ['ECDSA P-256, r‖s', 'ec'],
    ['RSA 2048, PKCS#1 v1.5', 'rsa'],
  ] as const)('%s: 202, then status 200, then one redeem', async (_name, keyType) => {
    const signer = keyType === 'ec' ? ecSigner : rsaSigner
    const signed = await signedRequest(signer)
    expect(await xmlsecVerify(ws, signed, signer.certificatePem)).toBe(true)
    const init = await postSignedRequest(sim, signed)
    expect(init.status, init.text).toBe(202)
    expect(text(init.body, 'referenceNumber')).toMatch(
      /^\d{8}-AU-[0-9A-F]{10}-[0-9A-F]{10}-[0-9A-F]{2}$/,
    )
    const status = await awaitAuthStatus(sim, init)
    expect(field(status, 'status')).toEqual({
      code: 200,
      description: 'Uwierzytelnianie zakończone sukcesem',
    })
    expect(field(status, 'authenticationMethod')).toBe('QualifiedSignature')
    expect(field(status, 'authenticationMethodInfo', 'category')).toBe('XadesSignature')
    const session = await redeemSession(sim, init)
    const again = await call(sim, 'POST', '/auth/token/redeem', {
      bearer: session.authenticationToken,
    })
    expect(again.status).toBe(400)
    expect(exceptionCode(again)).toBe(21301)
    expect(exceptionDetails(again)[0]).toContain('zostały już pobrane')
  })

  test('AuthTokenRequest 2.0 namespace and inclusive C14N are accepted too', async () => {
    const init = await submitSignature(
      sim,
      ws,
      rsaSigner,
      { nip: NIP, namespace: NS_20 },
      { canonicalization: ALGORITHMS.c14n },
    )
    expect(init.status, init.text).toBe(202)
    await redeemSession(sim, init)
  })

  test('a signing certificate with keyUsage digitalSignature only (no keyCertSign) still counts as self-signed', async () => {
    const signing = await selfSignedCertificate(ws, PERSON_SUBJECT, 'ec', 730, [
      'keyUsage=critical,digitalSignature',
      'basicConstraints=critical,CA:FALSE',
    ])
    await redeemSession(sim, await submitSignature(sim, ws, signing, { nip: NIP }))
  })

  test('a company seal (organizationIdentifier VATPL-…) logs in as QualifiedSeal', async () => {
    const seal = await selfSignedCertificate(
      ws,
      `/O=Firma Testowa/organizationIdentifier=VATPL-${NIP}/CN=Firma Testowa/C=PL`,
    )
    const init = await submitSignature(sim, ws, seal, { nip: NIP })
    expect(init.status, init.text).toBe(202)
    const status = await awaitAuthStatus(sim, init)
    expect(field(status, 'status', 'code')).toBe(200)
    expect(field(status, 'authenticationMethod')).toBe('QualifiedSeal')
  })

  test('a PESEL certificate needs the NIP–PESEL link: 415 before POST /testdata/person, 200 after', async () => {
    const pesel = '90010112345'
    const person = await selfSignedCertificate(
      ws,
      `/GN=Anna/SN=Nowak/serialNumber=PNOPL-${pesel}/CN=Anna Nowak/C=PL`,
    )
    const before = await awaitAuthStatus(
      sim,
      await submitSignature(sim, ws, person, { nip: OTHER_NIP }),
    )
    expect(field(before, 'status')).toEqual({
      code: 415,
      description: 'Uwierzytelnianie zakończone niepowodzeniem',
      details: ['Brak przypisanych uprawnień'],
    })
    const link = await call(sim, 'POST', '/testdata/person', {
      json: { nip: OTHER_NIP, pesel, isBailiff: false, description: 'Właścicielka JDG' },
    })
    expect(link.status).toBe(200)
    const duplicate = await call(sim, 'POST', '/testdata/person', {
      json: { nip: OTHER_NIP, pesel, isBailiff: false, description: 'Właścicielka JDG' },
    })
    expect(exceptionCode(duplicate)).toBe(30001)
    await redeemSession(sim, await submitSignature(sim, ws, person, { nip: OTHER_NIP }))
    const unlink = await call(sim, 'POST', '/testdata/person/remove', { json: { nip: OTHER_NIP } })
    expect(unlink.status).toBe(200)
    const after = await awaitAuthStatus(
      sim,
      await submitSignature(sim, ws, person, { nip: OTHER_NIP }),
    )
    expect(field(after, 'status', 'code')).toBe(415)
  })

  test('certificateFingerprint: works once POST /testdata/permissions grants the fingerprint', async () => {
    const anonymous = await selfSignedCertificate(ws, '/CN=Integrator/C=PL')
    const fingerprint = new X509Certificate(anonymous.certificatePem).fingerprint256.replaceAll(
      ':',
      '',
    )
    const denied = await awaitAuthStatus(
      sim,
      await submitSignature(sim, ws, anonymous, {
        nip: NIP,
        subjectType: 'certificateFingerprint',
      }),
    )
    expect(field(denied, 'status', 'code')).toBe(415)
    const grant = await call(sim, 'POST', '/testdata/permissions', {
      json: {
        contextIdentifier: { type: 'Nip', value: NIP },
        authorizedIdentifier: { type: 'Fingerprint', value: fingerprint },
        permissions: [{ permissionType: 'InvoiceRead', description: 'Odczyt faktur' }],
      },
    })
    expect(grant.status).toBe(200)
    await redeemSession(
      sim,
      await submitSignature(sim, ws, anonymous, {
        nip: NIP,
        subjectType: 'certificateFingerprint',
      }),
    )
    const revoke = await call(sim, 'POST', '/testdata/permissions/revoke', {
      json: {
        contextIdentifier: { type: 'Nip', value: NIP },
        authorizedIdentifier: { type: 'Fingerprint', value: fingerprint },
      },
    })
    expect(revoke.status).toBe(200)
    const revoked = await awaitAuthStatus(
      sim,
      await submitSignature(sim, ws, anonymous, {
        nip: NIP,
        subjectType: 'certificateFingerprint',
      }),
    )
    expect(field(revoked, 'status', 'code')).toBe(415)
    const noIdentifier = await submitSignature(sim, ws, anonymous, {
      nip: NIP,
      subjectType: 'certificateSubject',
    })
    expect(exceptionCode(noIdentifier)).toBe(21406)
  })

  test('GET /auth/{ref} answers 100 until the configured delay has passed', async () => {
    let offset = 0
    const slow = await startSimulator({
      authStatusDelayMs: 60_000,
      clock: { now: () => Date.now() + offset },
      limits: false,
    })
    try {
      const init = await submitSignature(slow, ws, ecSigner, { nip: NIP })
      const token = text(init.body, 'authenticationToken', 'token')
      const first = await call(slow, 'GET', `/auth/${text(init.body, 'referenceNumber')}`, {
        bearer: token,
      })
      expect(field(first.body, 'status')).toEqual({
        code: 100,
        description: 'Uwierzytelnianie w toku',
      })
      const early = await call(slow, 'POST', '/auth/token/redeem', { bearer: token })
      expect(exceptionCode(early)).toBe(21301)
      expect(exceptionDetails(early)[0]).toBe(
        'Status uwierzytelniania (100) nie pozwala na pobranie tokenów.',
      )
      offset += 60_000
      await redeemSession(slow, init)
      expect(slow.contractViolations).toEqual([])
    } finally {
      await slow.close()
    }
  })
})

describe('rejected signatures, each with its official code', () => {
  test('tampered SignatureValue: 9105 "Podpis zweryfikowany negatywnie."', async () => {
    const reply = await postSignedRequest(
      sim,
      corruptBase64(await signedRequest(rsaSigner), 'SignatureValue'),
    )
    expect(reply.status).toBe(400)
    expect(exceptionCode(reply)).toBe(9105)
    expect(exceptionDetails(reply)).toEqual(['Podpis zweryfikowany negatywnie.'])
  })

  test('document changed after signing (other NIP): 9105 wrong digest of the document reference', async () => {
    const signed = await signedRequest()
    const reply = await postSignedRequest(
      sim,
      signed.replace(`<Nip>${NIP}</Nip>`, `<Nip>${OTHER_NIP}</Nip>`),
    )
    expect(exceptionCode(reply)).toBe(9105)
    expect(exceptionDetails(reply)[0]).toBe(
      'Nieprawidłowa wartość skrótu dla referencji wskazującej na element dokument.',
    )
  })

  test('pretty-printed after signing: 9105 wrong digest', async () => {
    const signed = await signedRequest()
    const reply = await postSignedRequest(
      sim,
      signed.replace('<ContextIdentifier>', '\n  <ContextIdentifier>'),
    )
    expect(exceptionCode(reply)).toBe(9105)
    expect(exceptionDetails(reply)[0]).toMatch(/^Nieprawidłowa wartość skrótu/)
  })

  test('SignedProperties changed after signing: 9105 wrong digest of #SignedProperties', async () => {
    const signed = await signedRequest()
    const reply = await postSignedRequest(
      sim,
      signed.replace(/<xades:SigningTime>[^<]+/, '<xades:SigningTime>2020-01-01T00:00:00Z'),
    )
    expect(exceptionCode(reply)).toBe(9105)
    expect(exceptionDetails(reply)[0]).toBe(
      'Nieprawidłowa wartość skrótu dla referencji wskazującej na element #SignedProperties.',
    )
  })

  test('ECDSA value DER-encoded instead of r‖s: 9105', async () => {
    const signed = await signedRequest(ecSigner)
    const der = signed.replace(
      /(<ds:SignatureValue>)([^<]+)(<\/ds:SignatureValue>)/,
      (_all, open: string, value: string, close: string) => {
        const raw = Buffer.from(value.replace(/\s/g, ''), 'base64')
        expect(raw.length).toBe(64)
        return `${open}${rawEcdsaToDer(raw).toString('base64')}${close}`
      },
    )
    const reply = await postSignedRequest(sim, der)
    expect(exceptionCode(reply)).toBe(9105)
    expect(exceptionDetails(reply)).toEqual(['Podpis zweryfikowany negatywnie.'])
  })

  test('SignedProperties reference without Type: 9105, XAdES profile', async () => {
    const reply = await submitSignature(
      sim,
      ws,
      ecSigner,
      { nip: NIP },
      { signedPropertiesType: null },
    )
    expect(exceptionCode(reply)).toBe(9105)
    expect(exceptionDetails(reply)[0]).toBe(
      'Format podpisu niezgodny z akceptowanymi profilami XAdES.',
    )
  })

  test('CertDigest not of the KeyInfo certificate: 9105', async () => {
    const reply = await submitSignature(
      sim,
      ws,
      ecSigner,
      { nip: NIP },
      { certDigest: Buffer.alloc(32, 7).toString('base64') },
    )
    expect(exceptionCode(reply)).toBe(9105)
    expect(exceptionDetails(reply)[1]).toContain('SigningCertificate')
  })

  test('no SigningTime, or no SigningCertificate: 9105', async () => {
    const noTime = await submitSignature(sim, ws, ecSigner, { nip: NIP }, { signingTime: null })
    expect(exceptionCode(noTime)).toBe(9105)
    expect(exceptionDetails(noTime)[1]).toContain('SigningTime')
    const noCertificate = await submitSignature(
      sim,
      ws,
      ecSigner,
      { nip: NIP },
      { omitSigningCertificate: true },
    )
    expect(exceptionCode(noCertificate)).toBe(9105)
    expect(exceptionDetails(noCertificate)[1]).toContain('SigningCertificate')
  })

  test('unsigned document: 9102; two signatures: 9103', async () => {
    const { challenge } = await newChallenge(sim)
    const unsigned = await postSignedRequest(sim, authTokenRequestXml({ challenge, nip: NIP }))
    expect(exceptionCode(unsigned)).toBe(9102)
    const signed = await signedRequest()
    const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)?.[0] ?? ''
    const twice = await postSignedRequest(
      sim,
      signed.replace('</AuthTokenRequest>', `${signature}</AuthTokenRequest>`),
    )
    expect(exceptionCode(twice)).toBe(9103)
  })

  test('not XML: 21001; not UTF-8: 21217', async () => {
    const broken = await postSignedRequest(sim, '<AuthTokenRequest><Challenge>')
    expect(exceptionCode(broken)).toBe(21001)
    const latin2 = await call(sim, 'POST', '/auth/xades-signature', {
      body: Buffer.concat([
        Buffer.from('<?xml version="1.0"?><AuthTokenRequest>'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('</AuthTokenRequest>'),
      ]),
      contentType: 'application/xml',
    })
    expect(exceptionCode(latin2)).toBe(21217)
  })

  test('against the XSD: wrong order or unknown namespace → 21401 with the validator text', async () => {
    const { challenge } = await newChallenge(sim)
    const wrongOrder =
      `<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.1"><ContextIdentifier><Nip>${NIP}</Nip></ContextIdentifier>` +
      `<Challenge>${challenge}</Challenge><SubjectIdentifierType>certificateSubject</SubjectIdentifierType></AuthTokenRequest>`
    const reply = await postSignedRequest(sim, await xmlsecSign(ws, wrongOrder, ecSigner))
    expect(exceptionCode(reply)).toBe(21401)
    expect(exceptionDetails(reply)[0]).toMatch(/^cvc-complex-type\.2\.4\.a: .*ContextIdentifier/)
    const otherNamespace = await xmlsecSign(
      ws,
      authTokenRequestXml({
        challenge,
        nip: NIP,
        namespace: 'http://ksef.mf.gov.pl/auth/token/3.0',
      }),
      ecSigner,
    )
    const unknown = await postSignedRequest(sim, otherNamespace)
    expect(exceptionCode(unknown)).toBe(21401)
    expect(exceptionDetails(unknown)[0]).toMatch(/^cvc-elt\.1\.a/)
  })

  test('NIP with a wrong check digit: 21117', async () => {
    const reply = await submitSignature(sim, ws, ecSigner, { nip: '5265877636' })
    expect(exceptionCode(reply)).toBe(21117)
  })

  test('challenge never issued, or used twice: 21111', async () => {
    const unknown = await submitSignature(sim, ws, ecSigner, {
      nip: NIP,
      challenge: '20250101-CR-0000000000-0000000000-00',
    })
    expect(exceptionCode(unknown)).toBe(21111)
    const { challenge } = await newChallenge(sim)
    const first = await submitSignature(sim, ws, ecSigner, { nip: NIP, challenge })
    expect(first.status).toBe(202)
    const reused = await submitSignature(sim, ws, ecSigner, { nip: NIP, challenge })
    expect(reused.status).toBe(400)
    expect(exceptionCode(reused)).toBe(21111)
    expect(exceptionDetails(reused)[0]).toContain('zostało już wykorzystane')
  })

  test('challenge older than 10 minutes (fake clock): 21111', async () => {
    let now = Date.now()
    const clocked = await startSimulator({ clock: { now: () => now }, authStatusDelayMs: 0 })
    try {
      const { challenge } = await newChallenge(clocked)
      now += 10 * 60_000 + 1
      const reply = await submitSignature(clocked, ws, ecSigner, { nip: NIP, challenge })
      expect(exceptionCode(reply)).toBe(21111)
      expect(exceptionDetails(reply)[0]).toContain('wygasło')
      const fresh = await submitSignature(clocked, ws, ecSigner, { nip: NIP })
      expect(fresh.status).toBe(202)
      expect(clocked.contractViolations).toEqual([])
    } finally {
      await clocked.close()
    }
  })

  test('content type other than application/xml: 415', async () => {
    const signed = await signedRequest()
    for (const contentType of ['application/json', 'text/xml', 'text/plain']) {
      const reply = await call(sim, 'POST', '/auth/xades-signature', { body: signed, contentType })
      expect(reply.status).toBe(415)
      expect(field(reply.body, 'title')).toBe('Unsupported Media Type')
    }
  })

  test('person certificate without givenName: 21115; RSA 1024: 21115', async () => {
    const incomplete = await selfSignedCertificate(
      ws,
      `/SN=Kowalski/serialNumber=TINPL-${NIP}/CN=Jan Kowalski/C=PL`,
    )
    const reply = await submitSignature(sim, ws, incomplete, { nip: NIP })
    expect(exceptionCode(reply)).toBe(21115)
    expect(exceptionDetails(reply)).toEqual(['Certyfikat osoby nie zawiera atrybutu givenName.'])
    const weak = await selfSignedCertificate(ws, PERSON_SUBJECT, 'rsa1024')
    const short = await submitSignature(sim, ws, weak, { nip: NIP })
    expect(exceptionCode(short)).toBe(21115)
    expect(exceptionDetails(short)).toEqual(['Klucz RSA certyfikatu jest krótszy niż 2048 bitów.'])
  })

  test("a certificate from another simulator's CA: 21115 (like a DEMO certificate on production)", async () => {
    const other = await startSimulator()
    try {
      const files = await other.seed.issueCertificate({
        subject: {
          commonName: 'Jan Kowalski',
          countryName: 'PL',
          givenName: 'Jan',
          surname: 'Kowalski',
          serialNumber: `TINPL-${NIP}`,
        },
      })
      const foreign = await writeKeyAndCertificate(ws, files, 'ec')
      const reply = await submitSignature(sim, ws, foreign, { nip: NIP })
      expect(exceptionCode(reply)).toBe(21115)
    } finally {
      await other.close()
    }
  })

  test('verifyCertificateChain=true on a self-signed certificate: 202, then 460 untrusted chain', async () => {
    const init = await submitSignature(
      sim,
      ws,
      ecSigner,
      { nip: NIP },
      {},
      { verifyCertificateChain: true },
    )
    expect(init.status).toBe(202)
    const status = await awaitAuthStatus(sim, init)
    expect(field(status, 'status')).toEqual({
      code: 460,
      description: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędu certyfikatu',
      details: ['Niezaufany łańcuch certyfikatów'],
    })
    const redeem = await call(sim, 'POST', '/auth/token/redeem', {
      bearer: text(init.body, 'authenticationToken', 'token'),
    })
    expect(exceptionCode(redeem)).toBe(21301)
  })

  test('expired certificate (fake clock three years on): 460 "Nieważny certyfikat"', async () => {
    const now = Date.now() + 3 * 365 * 24 * 3600_000
    const later = await startSimulator({ clock: { now: () => now }, authStatusDelayMs: 0 })
    try {
      const init = await submitSignature(later, ws, ecSigner, { nip: NIP })
      expect(init.status).toBe(202)
      expect(field(await awaitAuthStatus(later, init), 'status', 'details')).toEqual([
        'Nieważny certyfikat',
      ])
    } finally {
      await later.close()
    }
  })

  test('blocked context (POST /testdata/context/block): 480; deceased person: 470', async () => {
    const context = { type: 'Nip', value: OTHER_NIP }
    expect(
      (await call(sim, 'POST', '/testdata/context/block', { json: { contextIdentifier: context } }))
        .status,
    ).toBe(200)
    const owner = await selfSignedCertificate(
      ws,
      `/GN=Ewa/SN=Lis/serialNumber=TINPL-${OTHER_NIP}/CN=Ewa Lis/C=PL`,
    )
    const blocked = await awaitAuthStatus(
      sim,
      await submitSignature(sim, ws, owner, { nip: OTHER_NIP }),
    )
    expect(field(blocked, 'status', 'code')).toBe(480)
    expect(
      (
        await call(sim, 'POST', '/testdata/context/unblock', {
          json: { contextIdentifier: context },
        })
      ).status,
    ).toBe(200)
    await redeemSession(sim, await submitSignature(sim, ws, owner, { nip: OTHER_NIP }))

    const pesel = '85121298765'
    await call(sim, 'POST', '/testdata/person', {
      json: {
        nip: OTHER_NIP,
        pesel,
        isBailiff: false,
        isDeceased: true,
        description: 'Osoba zmarła',
      },
    })
    const heir = await selfSignedCertificate(
      ws,
      `/GN=Adam/SN=Lis/serialNumber=PNOPL-${pesel}/CN=Adam Lis/C=PL`,
    )
    const deceased = await awaitAuthStatus(
      sim,
      await submitSignature(sim, ws, heir, { nip: OTHER_NIP }),
    )
    expect(field(deceased, 'status', 'code')).toBe(470)
  })

  test('the authentication token of one operation cannot read another: 21304', async () => {
    const first = await submitSignature(sim, ws, ecSigner, { nip: NIP })
    const second = await submitSignature(sim, ws, ecSigner, { nip: NIP })
    const reply = await call(sim, 'GET', `/auth/${text(second.body, 'referenceNumber')}`, {
      bearer: text(first.body, 'authenticationToken', 'token'),
    })
    expect(exceptionCode(reply)).toBe(21304)
  })
})

describe('environments', () => {
  const opened: RunningSimulator[] = []
  afterEach(async () => {
    for (const each of opened.splice(0)) {
      expect(each.contractViolations).toEqual([])
      await each.close()
    }
  })

  test.each(['demo', 'prod'] as const)(
    '%s: self-signed rejected with 21115, own CA accepted as InternalCertificate',
    async (mode) => {
      const env = await startSimulator({ mode, authStatusDelayMs: 0 })
      opened.push(env)
      const reply = await submitSignature(env, ws, ecSigner, { nip: NIP })
      expect(exceptionCode(reply)).toBe(21115)
      const files = await env.seed.issueCertificate({
        subject: {
          commonName: 'Jan Kowalski',
          countryName: 'PL',
          givenName: 'Jan',
          surname: 'Kowalski',
          serialNumber: `TINPL-${NIP}`,
        },
      })
      const init = await submitSignature(env, ws, await writeKeyAndCertificate(ws, files, 'ec'), {
        nip: NIP,
      })
      expect(init.status, init.text).toBe(202)
      const status = await awaitAuthStatus(env, init)
      expect(field(status, 'authenticationMethod')).toBe('InternalCertificate')
      expect(field(status, 'status', 'code')).toBe(200)
    },
  )

  test('CA subject: CCK KSeF on production, TEST CCK KSeF on test and demo', async () => {
    const subjects: Record<string, string> = {}
    for (const mode of ['test', 'demo', 'prod'] as const) {
      const env = await startSimulator({ mode })
      opened.push(env)
      subjects[mode] = new X509Certificate(env.seed.caCertificatePem).subject.split('\n').join(', ')
    }
    expect(subjects.prod).toBe(
      'CN=CCK KSeF, OU=National Revenue Administration, O=Ministry of Finance, C=PL',
    )
    expect(subjects.test).toBe(
      'CN=TEST CCK KSeF, OU=National Revenue Administration, O=Ministry of Finance, C=PL',
    )
    expect(subjects.demo).toBe(subjects.test)
  })

  test('SHA-1: tolerated on test, 9105 unsupported algorithm on production', async () => {
    const prod = await startSimulator({ mode: 'prod', authStatusDelayMs: 0 })
    opened.push(prod)
    const sha1 = { digestMethod: ALGORITHMS.sha1, signatureMethod: ALGORITHMS.rsaSha1 }
    const onTest = await submitSignature(sim, ws, rsaSigner, { nip: NIP }, sha1)
    expect(onTest.status).toBe(202)
    const files = await prod.seed.issueCertificate({
      subject: {
        commonName: 'Jan Kowalski',
        countryName: 'PL',
        givenName: 'Jan',
        surname: 'Kowalski',
        serialNumber: `TINPL-${NIP}`,
      },
      keyType: 'RSA',
    })
    const onProd = await submitSignature(
      prod,
      ws,
      await writeKeyAndCertificate(ws, files, 'rsa'),
      { nip: NIP },
      sha1,
    )
    expect(exceptionCode(onProd)).toBe(9105)
    expect(exceptionDetails(onProd)).toEqual([
      'Podpis złożony z użyciem niewspieranego algorytmu kryptograficznego.',
    ])
  })

  test('/testdata is TEST-only: 404 on demo', async () => {
    const demo = await startSimulator({ mode: 'demo' })
    opened.push(demo)
    const reply = await call(demo, 'POST', '/testdata/context/block', {
      json: { contextIdentifier: { type: 'Nip', value: NIP } },
    })
    expect(reply.status).toBe(404)
  })
})
