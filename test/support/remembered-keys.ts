// scrypt as the app runs it, each key kept once derived. A test that opens one data folder for
// every command (the in-process CLI, a harness reopening its folder) derives the same key from the
// same passphrase and salt again and again: 128 MiB and half a second of a core each time. The key
// is the one scrypt gives; only the repeats are skipped, so a wrong passphrase or another salt
// still derives a key of its own.
import { scryptKey, type KeyDerivation } from '../../electron/vault/passphrase-sealer'

const derived = new Map<string, Promise<Buffer>>()

export const rememberedKeys: KeyDerivation = (passphrase, salt, parameters) => {
  const id = JSON.stringify([passphrase, salt.toString('base64'), parameters])
  let key = derived.get(id)
  if (!key) {
    key = scryptKey(passphrase, salt, parameters)
    // A failed derivation is not kept: the next try runs scrypt again.
    key.catch(() => derived.delete(id))
    derived.set(id, key)
  }
  return key
}
