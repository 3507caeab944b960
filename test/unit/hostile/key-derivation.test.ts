// Issue 13, "Freezing main": a key or .p12 file names its own key-derivation cost. Every count is
// bounded before any work (KDF_COST_TOO_HIGH), and an honest derivation runs off the event loop.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kdfLimits } from '../../../electron/crypto/kdf-limits'
import { readPrivateKey } from '../../../electron/crypto/keys'
import { readPkcs12 } from '../../../electron/crypto/pkcs12'
import { macMatches } from '../../../electron/crypto/pkcs12-mac'
import { longestStall } from '../../fixtures/hostile/event-loop'
import {
  macBomb,
  pbeBombP12,
  pbkdf2Bomb,
  pemOf,
  scryptBomb,
} from '../../fixtures/hostile/kdf-bombs'
import { tempFolder } from '../../support/temp-folder'
import { mustRun } from '../../support/tools'

const password = 'Tajne-Haslo-2026'
const folder = tempFolder('ksef-desk-kdf-')
const bytes = (name: string) => readFileSync(join(folder.path, name))
const openssl = (...args: string[]) => mustRun('openssl', args, { cwd: folder.path })

beforeAll(() => {
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.pem')
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    'ec.pem',
    '-subj',
    '/CN=Jan',
    '-days',
    '30',
    '-out',
    'ec.crt',
  )
  const pkcs8 = (out: string, ...options: string[]) =>
    openssl(
      'pkcs8',
      '-topk8',
      '-in',
      'ec.pem',
      '-passout',
      `pass:${password}`,
      '-out',
      out,
      ...options,
    )
  pkcs8('pbkdf2.pem', '-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256')
  pkcs8('scrypt.pem', '-scrypt')
  // OWASP's advice for PBKDF2-HMAC-SHA256, the highest count a usual tool writes.
  pkcs8('slow.pem', '-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256', '-iter', '600000')
  const p12 = (out: string, ...options: string[]) =>
    openssl(
      'pkcs12',
      '-export',
      '-inkey',
      'ec.pem',
      '-in',
      'ec.crt',
      '-passout',
      `pass:${password}`,
      '-out',
      out,
      ...options,
    )
  p12('honest.p12')
  p12('iter-40000.p12', '-iter', '40000')
  // The most MAC work allowed (kdf-limits.ts), which pkijs's JavaScript loop did on main's thread.
  p12('mac-50000.p12', '-iter', '50000')
})

afterAll(() => folder.remove())

/** The refusal, and that it came at once: a bomb costs hours on today's code. */
async function refusedAtOnce(work: () => Promise<unknown>): Promise<unknown> {
  const { outcome, elapsedMs } = await longestStall(work)
  expect(elapsedMs).toBeLessThan(1000)
  expect(outcome.status).toBe('rejected')
  return outcome.status === 'rejected' ? outcome.reason : undefined
}

describe('key-derivation counts are bounded before any work', () => {
  it('refuses a small encrypted PKCS#8 asking for 2^31−1 PBKDF2 iterations, PEM and DER', async () => {
    const bomb = pbkdf2Bomb(bytes('pbkdf2.pem'), 2n ** 31n - 1n)
    expect(pemOf(bomb, 'ENCRYPTED PRIVATE KEY').length).toBeLessThan(500)
    for (const file of [bomb, Buffer.from(pemOf(bomb, 'ENCRYPTED PRIVATE KEY'))]) {
      expect(await refusedAtOnce(() => readPrivateKey(file, password))).toMatchObject({
        code: 'KDF_COST_TOO_HIGH',
        details: { parameter: 'pbkdf2Iterations', requested: '2147483647', limit: '2000000' },
      })
    }
  })

  it('refuses the bomb before asking for a password', async () => {
    const bomb = pbkdf2Bomb(bytes('pbkdf2.pem'), 2n ** 31n - 1n)
    await expect(readPrivateKey(bomb)).rejects.toMatchObject({ code: 'KDF_COST_TOO_HIGH' })
  })

  it('reads a count past 2^53 as the count it is, not as 0', async () => {
    const bomb = pbkdf2Bomb(bytes('pbkdf2.pem'), 2n ** 64n)
    expect(await refusedAtOnce(() => readPrivateKey(bomb, password))).toMatchObject({
      code: 'KDF_COST_TOO_HIGH',
      details: { requested: '18446744073709551616' },
    })
  })

  it('refuses one iteration over the limit', async () => {
    const limit = BigInt(kdfLimits.pbkdf2Iterations)
    await expect(
      readPrivateKey(pbkdf2Bomb(bytes('pbkdf2.pem'), limit + 1n), password),
    ).rejects.toMatchObject({
      code: 'KDF_COST_TOO_HIGH',
    })
  })

  it.each([
    ['N = 2^30', { N: 2n ** 30n }, 'scryptCost'],
    ['r = 1024', { r: 1024n }, 'scryptBlockSize'],
    ['p = 2^20', { p: 2n ** 20n }, 'scryptParallelization'],
    ['N = 2^20 with r = 8 (1 GiB)', { N: 2n ** 20n, r: 8n }, 'scryptMemoryBytes'],
  ])('refuses an scrypt key asking for %s', async (_, cost, parameter) => {
    const bomb = scryptBomb(bytes('scrypt.pem'), cost)
    expect(await refusedAtOnce(() => readPrivateKey(bomb, password))).toMatchObject({
      code: 'KDF_COST_TOO_HIGH',
      details: { parameter },
    })
  })

  it('refuses a .p12 whose MAC asks for 5 000 000 iterations', async () => {
    const bomb = macBomb(bytes('honest.p12'), 5_000_000n)
    expect(await refusedAtOnce(() => readPkcs12(bomb, password))).toMatchObject({
      code: 'KDF_COST_TOO_HIGH',
      details: { parameter: 'pkcs12Iterations', requested: '5000000', limit: '50000' },
    })
  })

  it('refuses a .p12 without a MAC whose encryption asks for 5 000 000 iterations', async () => {
    const bomb = pbeBombP12(bytes('iter-40000.p12'))
    expect(await refusedAtOnce(() => readPkcs12(bomb, password))).toMatchObject({
      code: 'KDF_COST_TOO_HIGH',
      details: { parameter: 'pbkdf2Iterations', requested: '5000000' },
    })
  })
})

describe('key decryption leaves the event loop free', () => {
  it('opens a 600 000-iteration key with the timer never held up for 200 ms', async () => {
    const { outcome, longestStallMs } = await longestStall(() =>
      readPrivateKey(bytes('slow.pem'), password),
    )
    expect(outcome).toMatchObject({ status: 'fulfilled', value: { format: 'encrypted-pkcs8' } })
    expect(longestStallMs).toBeLessThan(200)
  })

  it('derives the MAC key of a .p12 at the limit, 50 000 iterations, in slices', async () => {
    const mac = {
      digestOid: '2.16.840.1.101.3.4.2.1',
      digest: Buffer.alloc(32),
      salt: Buffer.alloc(8, 7),
      iterations: kdfLimits.pkcs12Iterations,
    }
    const { outcome, longestStallMs } = await longestStall(() =>
      macMatches(mac, password, Buffer.from('content')),
    )
    expect(outcome).toEqual({ status: 'fulfilled', value: false })
    expect(longestStallMs).toBeLessThan(200)
  })

  it('opens a .p12 whose MAC asks for 50 000 iterations, and tells a wrong password', async () => {
    expect((await readPkcs12(bytes('mac-50000.p12'), password)).algorithm.type).toBe('ec')
    await expect(readPkcs12(bytes('mac-50000.p12'), 'Zle-Haslo-2026!!')).rejects.toMatchObject({
      code: 'PKCS12_WRONG_PASSWORD',
    })
  })

  it('says KEY_WRONG_PASSWORD for PBKDF2 and scrypt keys alike', async () => {
    for (const name of ['pbkdf2.pem', 'scrypt.pem', 'slow.pem']) {
      await expect(readPrivateKey(bytes(name), 'Zle-Haslo-2026!!')).rejects.toMatchObject({
        code: 'KEY_WRONG_PASSWORD',
      })
    }
  })

  it('still opens the honest files', async () => {
    expect((await readPrivateKey(bytes('scrypt.pem'), password)).encryption).toBe(
      'PBES2 (scrypt, AES-256-CBC)',
    )
    expect((await readPkcs12(bytes('honest.p12'), password)).algorithm).toEqual({
      type: 'ec',
      curve: 'P-256',
    })
    expect((await readPkcs12(bytes('iter-40000.p12'), password)).algorithm.type).toBe('ec')
  })
})
