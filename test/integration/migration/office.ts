// An accounting office moving its clients from KSeF tokens to certificates, as the simulator
// holds it: each client company has an Active KSeF token of its own (its owner generated it), and
// the office's seal (self-signed, as KSeF's TEST accepts) holds permissions in every client's
// context — so one signer signs every client's request in one sitting, as with a qualified seal.
import type { Company } from '../../../shared/domain/company'
import type { Envelope } from '../../../shared/ipc/errors'
import type { RunningSimulator } from '../../ksef-sim'
import { nthNip } from '../../support/company-seed'
import {
  selfSignedCertificate,
  Workspace,
  xmlsecSign,
  type KeyAndCertificate,
} from '../../support/external-tools'

export interface OfficeClient {
  nip: string
  name: string
  /** The client's KSeF token: a secret, stored sealed by the app, never printed. */
  token: string
  referenceNumber: string
}

export interface MigrationOffice {
  officeNip: string
  clients: OfficeClient[]
  /** The request signed (XAdES, enveloped) by xmlsec1 with the office's seal. */
  sign: (unsignedXml: string) => Promise<string>
  /** Signed by xmlsec1 with another key than the certificate the signature carries. */
  signWrongly: (unsignedXml: string) => Promise<string>
  dispose: () => Promise<void>
}

/** `count` clients with NIPs from nthNip(first); the office's NIP is nthNip(first - 1). */
export async function migrationOffice(
  sim: RunningSimulator,
  count: number,
  first: number,
): Promise<MigrationOffice> {
  const workspace = await Workspace.create()
  const officeNip = nthNip(first - 1)
  const seal = await selfSignedCertificate(
    workspace,
    `/O=Biuro Rachunkowe ${officeNip}/organizationIdentifier=VATPL-${officeNip}/CN=Biuro Rachunkowe/C=PL`,
  )
  const stranger: KeyAndCertificate = await selfSignedCertificate(
    workspace,
    `/O=Inne Biuro/organizationIdentifier=VATPL-${officeNip}/CN=Inne Biuro/C=PL`,
  )
  const clients = Array.from({ length: count }, (_, i) => {
    const nip = nthNip(first + i)
    const context = { type: 'Nip' as const, value: nip }
    sim.seed.grantPermission({
      context,
      subject: { type: 'Nip', value: officeNip },
      permissions: ['CredentialsManage', 'InvoiceRead', 'InvoiceWrite'],
    })
    const minted = sim.seed.createToken({ context, permissions: ['InvoiceRead', 'InvoiceWrite'] })
    return { nip, name: `Klient ${i + 1} Sp. z o.o.`, ...minted }
  })
  return {
    officeNip,
    clients,
    sign: (xml) => xmlsecSign(workspace, xml, seal),
    signWrongly: (xml) => xmlsecSign(workspace, xml, { ...seal, keyPath: stranger.keyPath }),
    dispose: () => workspace.dispose(),
  }
}

type Call = (channel: 'companies:add' | 'tokens:add', input: unknown) => Promise<Envelope<unknown>>

/** Each client stored on the Test environment with its token as the default; their ids, in order. */
export async function storeClients(
  call: Call,
  clients: readonly OfficeClient[],
  nameOf: (client: OfficeClient) => string = (client) => client.name,
): Promise<string[]> {
  const ids: string[] = []
  for (const client of clients) {
    const added = await call('companies:add', {
      name: nameOf(client),
      identifier: { type: 'Nip', value: client.nip },
      environment: 'Test',
    })
    if (!added.ok) throw new Error(added.error.message)
    const id = (added.value as Company).id
    ids.push(id)
    const token = await call('tokens:add', {
      companyId: id,
      token: client.token,
      makeDefault: true,
    })
    if (!token.ok) throw new Error(token.error.message)
  }
  return ids
}
