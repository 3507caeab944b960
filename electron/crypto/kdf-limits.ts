// The most key-derivation work a key or .p12 file may ask of this app. A file names its own
// iteration count or scrypt cost, so a 404-byte key can ask for 2^31−1 PBKDF2 rounds (hours of
// work) or an scrypt cost of gigabytes; every count is checked here before any derivation starts.
//
// Each limit stands far above what the tools people use write by default:
// - PBKDF2 (PBES2 keys, .p12 bags): openssl pkcs8 and Node write 2048, Windows 2000 (10000 in
//   its AES exports), Java 10000, this app and the MF web app 100 000, OWASP's 2023 advice for
//   HMAC-SHA256 is 600 000. 2 000 000 is over three times the highest; it takes about a second.
// - The PKCS#12 key derivation (the .p12 MAC, legacy PKCS#12 and PBES1 keys): OpenSSL writes
//   2048, Windows 2000, Java 10000. 50 000 is five times Java's. It is a loop of hashes that runs
//   on the main thread (pkcs12-mac.ts in slices, OpenSSL for legacy keys in one go), so this
//   bound is also what keeps that work short.
// - scrypt (openssl pkcs8 -scrypt): openssl writes N = 16384, r = 8, p = 1 (16 MiB).
//   N ≤ 2^20, r ≤ 32, p ≤ 16 and 128·N·r ≤ 256 MiB of memory leave sixteen times that memory.
import { AppError } from '../../shared/ipc/errors'

export const kdfLimits = {
  pbkdf2Iterations: 2_000_000,
  pkcs12Iterations: 50_000,
  scryptCost: 2 ** 20,
  scryptBlockSize: 32,
  scryptParallelization: 16,
  scryptMemoryBytes: 256 * 1024 * 1024,
} as const

export type KdfParameter = keyof typeof kdfLimits

export interface ScryptCost {
  cost: number
  blockSize: number
  parallelization: number
  /** The memory scrypt needs (128·N·r bytes), to hand to crypto.scrypt as maxmem. */
  memoryBytes: number
}

/** The PBKDF2 iteration count as a number, or KDF_COST_TOO_HIGH above the limit. */
export function boundedPbkdf2Iterations(requested: bigint): number {
  return bounded('pbkdf2Iterations', requested)
}

/** The PKCS#12 key-derivation iteration count (MAC, legacy PBE) within its limit. */
export function boundedPkcs12Iterations(requested: bigint): number {
  return bounded('pkcs12Iterations', requested)
}

/** scrypt's N, r and p, each within its limit and together within the memory limit. */
export function boundedScryptCost(requested: {
  cost: bigint
  blockSize: bigint
  parallelization: bigint
}): ScryptCost {
  const cost = bounded('scryptCost', requested.cost)
  const blockSize = bounded('scryptBlockSize', requested.blockSize)
  const parallelization = bounded('scryptParallelization', requested.parallelization)
  const memoryBytes = bounded('scryptMemoryBytes', 128n * requested.cost * requested.blockSize)
  return { cost, blockSize, parallelization, memoryBytes }
}

function bounded(parameter: KdfParameter, requested: bigint): number {
  const limit = kdfLimits[parameter]
  if (requested > BigInt(limit)) {
    throw new AppError(
      'KDF_COST_TOO_HIGH',
      `The file asks for ${parameter} ${requested}; this app opens files asking for at most ${limit}. Export the key again with the usual settings.`,
      { parameter, requested: requested.toString(), limit: String(limit) },
    )
  }
  return Number(requested)
}
