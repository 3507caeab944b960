// The integrity check of a .p12 (RFC 7292 §5.1, key derivation of Appendix B.2 with ID 3), done
// here because pkijs derives the MAC key in one synchronous JavaScript loop: at 100 000
// iterations that held main's event loop for about 200 ms. Node has no
// PKCS#12 key derivation, so the same loop runs over node:crypto hashes, yielding to the event
// loop between slices.
import { createHmac, hash, timingSafeEqual } from 'node:crypto'
import { setImmediate as nextTurn } from 'node:timers/promises'

const digests: Record<string, { name: string; blockSize: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', blockSize: 64 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', blockSize: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', blockSize: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', blockSize: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', blockSize: 128 },
}

/** Hash rounds between two turns of the event loop: about a millisecond each slice. */
const roundsPerTurn = 250

export interface Pkcs12Mac {
  digestOid: string
  digest: Buffer
  salt: Buffer
  iterations: number
}

/**
 * Whether the MAC over content (the AuthenticatedSafe's bytes) matches under password. The
 * password is the BMPString of RFC 7292 B.1 with its two-byte terminator, as pkijs forms it.
 */
export async function macMatches(
  mac: Pkcs12Mac,
  password: string,
  content: Buffer,
): Promise<boolean> {
  const digest = digests[mac.digestOid]
  if (!digest) return false
  const size = hash(digest.name, '', 'buffer').length
  const v = digest.blockSize
  const bmp = Buffer.alloc(password.length * 2 + 2)
  for (let i = 0; i < password.length; i++) bmp.writeUInt16BE(password.charCodeAt(i), i * 2)
  const stretch = (data: Buffer): Buffer =>
    data.length === 0
      ? data
      : Buffer.from(
          Array.from(
            { length: v * Math.ceil(data.length / v) },
            (_, i) => data[i % data.length] ?? 0,
          ),
        )
  let block = Buffer.concat([Buffer.alloc(v, 3), stretch(mac.salt), stretch(bmp)])
  for (let round = 0; round < mac.iterations; round++) {
    // One-shot hashing: a Hash object a round was garbage enough for GC pauses of its own.
    block = hash(digest.name, block, 'buffer')
    if ((round + 1) % roundsPerTurn === 0) await nextTurn()
  }
  const expected = createHmac(digest.name, block.subarray(0, size)).update(content).digest()
  return expected.length === mac.digest.length && timingSafeEqual(expected, mac.digest)
}
