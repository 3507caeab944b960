// The sealed backup file: a versioned, authenticated container around the backup's contents.
//
//   offset  size  field
//        0    16  magic "KSeF Desk backup"
//       16     2  format version (big-endian), 1
//       18     1  KDF: 1 = scrypt
//       19     1  log2 of scrypt's N
//       20     1  scrypt's r
//       21     1  scrypt's p
//       22    16  salt
//       38    12  AES-GCM nonce
//       50    32  key check
//       82     …  AES-256-GCM ciphertext of the gzipped contents
//   end-48    16  AES-GCM tag
//   end-32    32  SHA-256 of every byte from offset 16 up to here
//
// Bytes 0–81 (the header) are the AES-GCM additional data: a changed version, cost, salt, nonce
// or key check fails authentication like a changed ciphertext. That tag is what protects the
// file; the other two fields exist only so the user is told the right thing when it fails.
//
// Why three checks and not one. AES-GCM alone cannot tell a wrong passphrase from a changed file:
// either way the tag does not match. So:
// - The trailing SHA-256 needs no passphrase and tells a damaged or changed file (one byte
//   anywhere, a file cut short) from a whole one. It is checked first. It leaves the magic out,
//   so a backup whose first bytes were damaged is still recognised as a damaged backup (its
//   digest holds) rather than as some other file; a file whose magic and digest both fail is not
//   a backup. Every format version keeps it last and computed this way, so this version can tell
//   a damaged file from one of a newer format before reading anything the newer one may lay out
//   differently.
// - The key check tells, in a file known to be whole, a wrong passphrase from the right one.
//   scrypt makes 64 bytes: the first 32 are the AES key, the last 32 the key check. scrypt's last
//   step is PBKDF2-HMAC-SHA256, whose 32-byte output blocks are independent HMACs, so the check
//   reveals nothing of the key; guessing passphrases against it costs one scrypt each, exactly
//   what a trial decryption costs, so it makes guessing no cheaper.
// - Someone who changes the file on purpose can recompute the digest; then a changed header is
//   reported as a wrong passphrase (the key check no longer matches) or, with the right
//   passphrase, the tag fails and it is reported as changed. Neither way is a changed file ever
//   read.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto'
import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import { AppError } from '../../shared/ipc/errors'
import { boundedScryptCost } from '../crypto/kdf-limits'

const magic = Buffer.from('KSeF Desk backup', 'ascii')
export const backupFormatVersion = 1
const scryptKdf = 1
const headerLength = 82
const tagLength = 16
const digestLength = 32

/**
 * scrypt N = 2^16, r = 8, p = 1: 64 MiB and about a quarter of a second on a two-core machine,
 * paid once per create or open. The file names its own cost, so a later version may raise it.
 */
export const backupScryptCost = { log2N: 16, r: 8, p: 1 } as const

// A gzipped backup of 2,000 companies is a few megabytes; this bounds what an opened file unpacks to.
const maxContentsBytes = 512 * 1024 * 1024

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

function derive(
  passphrase: string,
  salt: Buffer,
  cost: { N: number; r: number; p: number; memoryBytes: number },
): Promise<{ key: Buffer; keyCheck: Buffer }> {
  return new Promise((resolve, reject) => {
    scrypt(
      // "ł" typed on macOS may arrive decomposed: the same passphrase makes the same key anywhere.
      passphrase.normalize('NFC'),
      salt,
      64,
      { N: cost.N, r: cost.r, p: cost.p, maxmem: 2 * cost.memoryBytes },
      (error, derived) =>
        error
          ? reject(error)
          : resolve({ key: derived.subarray(0, 32), keyCheck: derived.subarray(32) }),
    )
  })
}

const sha256 = (bytes: Buffer): Buffer => createHash('sha256').update(bytes).digest()

/**
 * The contents sealed with the passphrase into the bytes of a backup file, at scrypt's `cost`
 * (the app's own unless a caller names a lower one; the header says which, opening reads it).
 */
export async function sealBackup(
  contents: Buffer,
  passphrase: string,
  cost: { log2N: number; r: number; p: number } = backupScryptCost,
): Promise<Buffer> {
  const salt = randomBytes(16)
  const nonce = randomBytes(12)
  const { log2N, r, p } = cost
  const N = 2 ** log2N
  const { key, keyCheck } = await derive(passphrase, salt, { N, r, p, memoryBytes: 128 * N * r })
  const header = Buffer.alloc(headerLength)
  magic.copy(header, 0)
  header.writeUInt16BE(backupFormatVersion, 16)
  header.writeUInt8(scryptKdf, 18)
  header.writeUInt8(log2N, 19)
  header.writeUInt8(r, 20)
  header.writeUInt8(p, 21)
  salt.copy(header, 22)
  nonce.copy(header, 38)
  keyCheck.copy(header, 50)
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: tagLength })
  cipher.setAAD(header)
  const ciphertext = Buffer.concat([cipher.update(await gzipAsync(contents)), cipher.final()])
  const sealed = Buffer.concat([header, ciphertext, cipher.getAuthTag()])
  return Buffer.concat([sealed, sha256(sealed.subarray(magic.length))])
}

/**
 * The contents of a backup file. Refuses, in this order: BACKUP_NOT_A_BACKUP (neither its magic
 * nor its digest is a backup's), BACKUP_CORRUPT (changed or damaged), BACKUP_NEWER_VERSION,
 * KDF_COST_TOO_HIGH (a file asking for more work than any backup of this app does),
 * BACKUP_WRONG_PASSPHRASE, and BACKUP_CORRUPT again when the authentication itself fails.
 */
export async function openBackup(file: Buffer, passphrase: string): Promise<Buffer> {
  const magicHolds = file.length >= magic.length && file.subarray(0, magic.length).equals(magic)
  const bodyEnd = file.length - digestLength
  const digestHolds =
    bodyEnd >= magic.length + 2 &&
    timingSafeEqual(sha256(file.subarray(magic.length, bodyEnd)), file.subarray(bodyEnd))
  if (!digestHolds) throw magicHolds ? corrupt() : notABackup()
  if (!magicHolds) throw corrupt()
  const version = file.readUInt16BE(magic.length)
  if (version > backupFormatVersion) {
    throw new AppError(
      'BACKUP_NEWER_VERSION',
      `The backup was made by a newer version of KSeF Desk (format ${version}; this version reads format ${backupFormatVersion}). Update the app, then restore it.`,
      { formatVersion: version, supportedVersion: backupFormatVersion },
    )
  }
  if (version !== backupFormatVersion || bodyEnd < headerLength + tagLength) throw corrupt()
  const header = file.subarray(0, headerLength)
  const log2N = header.readUInt8(19)
  if (header.readUInt8(18) !== scryptKdf || log2N < 1 || log2N > 62) throw corrupt()
  const cost = boundedScryptCost({
    cost: 2n ** BigInt(log2N),
    blockSize: BigInt(header.readUInt8(20)),
    parallelization: BigInt(header.readUInt8(21)),
  })
  if (cost.blockSize < 1 || cost.parallelization < 1) throw corrupt()
  const { key, keyCheck } = await derive(passphrase, header.subarray(22, 38), {
    N: cost.cost,
    r: cost.blockSize,
    p: cost.parallelization,
    memoryBytes: cost.memoryBytes,
  })
  if (!timingSafeEqual(keyCheck, header.subarray(50, 82))) {
    throw new AppError(
      'BACKUP_WRONG_PASSPHRASE',
      'This is not the passphrase of this backup. Nothing was changed.',
    )
  }
  const tagAt = bodyEnd - tagLength
  let gzipped: Buffer
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(38, 50), {
      authTagLength: tagLength,
    })
    decipher.setAAD(header)
    decipher.setAuthTag(file.subarray(tagAt, bodyEnd))
    gzipped = Buffer.concat([decipher.update(file.subarray(headerLength, tagAt)), decipher.final()])
  } catch {
    throw corrupt()
  }
  try {
    return await gunzipAsync(gzipped, { maxOutputLength: maxContentsBytes })
  } catch {
    throw corrupt()
  }
}

export const corrupt = (): AppError =>
  new AppError(
    'BACKUP_CORRUPT',
    'The backup file was changed or damaged since it was made; it cannot be restored. Nothing was changed.',
  )

const notABackup = (): AppError =>
  new AppError('BACKUP_NOT_A_BACKUP', 'This file is not a KSeF Desk backup. Nothing was changed.')
