// sign / encrypt / CSR against the bare Node operation on the same key, measured in the same run.
import { constants, publicEncrypt, sign, X509Certificate } from 'node:crypto'
import { buildAuthTokenRequest } from '../electron/crypto/auth-token-request'
import { createCsr } from '../electron/crypto/csr'
import { createTestCertificate } from '../electron/crypto/test-certificates'
import { encryptKsefToken } from '../electron/crypto/token-cipher'
import { signAuthTokenRequest } from '../electron/crypto/xades'
import { medianMs, type BenchmarkRow, type BenchmarkSuite } from './measure'

const request = buildAuthTokenRequest({
  challenge: '20250625-CR-20F5EE4000-DA48AE4124-46',
  context: { type: 'Nip', value: '5265877635' },
})
const enrollmentData = {
  commonName: 'Jan Kowalski',
  countryName: 'PL',
  givenName: 'Jan',
  surname: 'Kowalski',
  serialNumber: 'TINPL-5265877635',
}
const token = '20251010-EC-2A3F4B5C00-1A2B3C4D5E-B7|nip-5265877635|0123456789abcdef0123456789abcdef'

async function run(): Promise<BenchmarkRow[]> {
  const person = {
    kind: 'person',
    givenName: 'Jan',
    surname: 'Kowalski',
    identifier: { type: 'Nip', value: '5265877635' },
  } as const
  const rsa = await createTestCertificate(person, { keyType: 'rsa' })
  const ec = await createTestCertificate(person, { keyType: 'ec' })
  const data = Buffer.from(request)
  const bareRsaSign = await medianMs(() => sign('sha256', data, rsa.privateKey))
  const bareEcSign = await medianMs(() => sign('sha256', data, ec.privateKey), { samples: 1000 })
  const rsaPublicKey = new X509Certificate(rsa.certificate).publicKey
  const plaintext = Buffer.from(`${token}|1752233036015`)
  const bareEncrypt = await medianMs(
    () =>
      publicEncrypt(
        { key: rsaPublicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        plaintext,
      ),
    { samples: 1000 },
  )

  return [
    {
      name: 'sign: XAdES AuthTokenRequest, RSA 2048',
      medianMs: await medianMs(() => signAuthTokenRequest(request, rsa), { warmup: 200 }),
      baseline: { name: 'crypto.sign RSA 2048', medianMs: bareRsaSign },
      budget: 10,
    },
    {
      name: 'sign: XAdES AuthTokenRequest, EC P-256',
      medianMs: await medianMs(() => signAuthTokenRequest(request, ec), { warmup: 200 }),
      baseline: { name: 'crypto.sign EC P-256', medianMs: bareEcSign },
      budget: 10,
    },
    {
      name: 'encrypt: KSeF token (from the MF certificate)',
      medianMs: await medianMs(
        () => encryptKsefToken({ token, timestampMs: 1752233036015, publicKey: rsa.certificate }),
        {
          samples: 1000,
        },
      ),
      baseline: { name: 'crypto.publicEncrypt OAEP SHA-256', medianMs: bareEncrypt },
    },
    {
      name: 'CSR: new EC P-256 key + PKCS#10',
      medianMs: await medianMs(() => createCsr(enrollmentData), { samples: 100 }),
      baseline: { name: 'crypto.sign EC P-256', medianMs: bareEcSign },
    },
    {
      name: 'CSR: new RSA 2048 key + PKCS#10',
      medianMs: await medianMs(() => createCsr(enrollmentData, { keyType: 'rsa' }), {
        samples: 15,
        warmup: 2,
      }),
      baseline: { name: 'crypto.sign RSA 2048', medianMs: bareRsaSign },
      note: 'dominated by generating the RSA key, which varies from one key to the next',
    },
  ]
}

export const cryptoSuite: BenchmarkSuite = { name: 'crypto', run }
