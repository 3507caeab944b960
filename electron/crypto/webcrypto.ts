// @peculiar/x509 and pkijs both need a WebCrypto engine; bind them once to Node's, so every
// module that builds or parses ASN.1 through them gets the same one. Import them from here.
import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import * as pkijs from 'pkijs'

// Node's webcrypto object satisfies the DOM Crypto interface that both libraries type against.
type DomCrypto = Parameters<typeof x509.cryptoProvider.set>[0]
const nodeCrypto = webcrypto as unknown as DomCrypto

x509.cryptoProvider.set(nodeCrypto)
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: nodeCrypto }))

export { nodeCrypto, pkijs, x509 }
