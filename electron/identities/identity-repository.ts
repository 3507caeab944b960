import {
  assignedIdentity,
  type Identity,
  type IdentityAssignment,
  type IdentityRow,
} from '../../shared/domain/identities'
import type { KsefCertificateStatus } from '../../shared/domain/credentials'
import type { SettingsStore } from '../vault/settings-store'

/** Identities live outside every company, so their keys do too (a company's removal keeps them). */
export const identityKeySecret = (identityId: string): string => `identity/${identityId}/key`

/** The identities of the settings document and the companies each one logs in. */
export class IdentityRepository {
  constructor(private readonly settings: SettingsStore) {}

  /** Every identity with the companies (still in the list) it is assigned to. */
  rows(): IdentityRow[] {
    const document = this.settings.read()
    const known = new Set(document.companies.map((c) => c.id))
    return document.identities.map((identity) => ({
      ...identity,
      companyIds: document.identityAssignments
        .filter((a) => a.identityId === identity.id && known.has(a.companyId))
        .map((a) => a.companyId),
    }))
  }

  identity(id: string): Identity | undefined {
    return this.settings.read().identities.find((i) => i.id === id)
  }

  /** The identity that a company's certificate login may use (see loginCertificateOf). */
  assignedTo(companyId: string): Identity | undefined {
    const document = this.settings.read()
    return assignedIdentity(companyId, document.identities, document.identityAssignments)
  }

  add(identity: Identity): void {
    const document = this.settings.read()
    this.settings.write({ ...document, identities: [...document.identities, identity] })
  }

  /** Forgets the identity and its assignments in one write; returns the companies it logged in. */
  remove(id: string): string[] {
    const document = this.settings.read()
    const companyIds = document.identityAssignments
      .filter((a) => a.identityId === id)
      .map((a) => a.companyId)
    this.settings.write({
      ...document,
      identities: document.identities.filter((i) => i.id !== id),
      identityAssignments: document.identityAssignments.filter((a) => a.identityId !== id),
    })
    return companyIds
  }

  /**
   * Makes the identity the one of each company, in one write; a company that had another
   * identity has this one instead (a company has at most one).
   */
  assign(identityId: string, companyIds: readonly string[], assignedAt: string): void {
    const document = this.settings.read()
    const chosen = new Set(companyIds)
    const kept = document.identityAssignments.filter((a) => !chosen.has(a.companyId))
    const added: IdentityAssignment[] = [...chosen].map((companyId) => ({
      identityId,
      companyId,
      assignedAt,
    }))
    this.settings.write({ ...document, identityAssignments: [...kept, ...added] })
  }

  /** Takes the identity from the companies named, in one write; returns how many it left. */
  unassign(identityId: string, companyIds: readonly string[]): number {
    const document = this.settings.read()
    const chosen = new Set(companyIds)
    const kept = document.identityAssignments.filter(
      (a) => !(a.identityId === identityId && chosen.has(a.companyId)),
    )
    const removed = document.identityAssignments.length - kept.length
    if (removed > 0) this.settings.write({ ...document, identityAssignments: kept })
    return removed
  }

  /**
   * The identity's certificate replaced by its renewal, in one write: the renewed identity takes
   * the old one's place and every company the old one logged in is assigned the renewed one.
   * Returns those companies.
   */
  replace(oldId: string, renewed: Identity): string[] {
    const document = this.settings.read()
    const moved: string[] = []
    this.settings.write({
      ...document,
      identities: document.identities.map((i) => (i.id === oldId ? renewed : i)),
      identityAssignments: document.identityAssignments.map((a) => {
        if (a.identityId !== oldId) return a
        moved.push(a.companyId)
        return { ...a, identityId: renewed.id }
      }),
    })
    return moved
  }

  /**
   * KSeF's statuses of the certificates it listed (POST /certificates/query), given to the
   * identities with those serial numbers, in one write when any changed; the identities changed.
   */
  recordKsefStatuses(
    listed: readonly { serialNumber: string; status: KsefCertificateStatus }[],
  ): string[] {
    const document = this.settings.read()
    const changed: string[] = []
    const identities = document.identities.map((identity) => {
      const status = listed.find(
        (c) => c.serialNumber.toUpperCase() === identity.serialNumber.toUpperCase(),
      )?.status
      if (status === undefined || status === identity.ksefStatus) return identity
      changed.push(identity.id)
      return { ...identity, ksefStatus: status }
    })
    if (changed.length > 0) this.settings.write({ ...document, identities })
    return changed
  }
}
