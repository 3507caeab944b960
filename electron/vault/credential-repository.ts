import type {
  CertificateKind,
  CertificateSummary,
  TokenSummary,
} from '../../shared/domain/credentials'
import type { SettingsStore } from './settings-store'

/** The summaries of stored certificates and tokens, and which one of each kind is the default. */
export class CredentialRepository {
  constructor(private readonly settings: SettingsStore) {}

  certificates(companyId: string): CertificateSummary[] {
    return this.settings.read().certificates.filter((c) => c.companyId === companyId)
  }

  certificate(companyId: string, id: string): CertificateSummary | undefined {
    return this.certificates(companyId).find((c) => c.id === id)
  }

  defaultCertificate(companyId: string, kind: CertificateKind): CertificateSummary | undefined {
    return this.certificates(companyId).find((c) => c.kind === kind && c.isDefault)
  }

  /** Adds a certificate; as the default of its kind when asked or when the kind has none yet. */
  addCertificate(certificate: CertificateSummary, makeDefault: boolean): CertificateSummary {
    const document = this.settings.read()
    const hasDefault = document.certificates.some(
      (c) => c.companyId === certificate.companyId && c.kind === certificate.kind && c.isDefault,
    )
    const isDefault = makeDefault || !hasDefault
    const stored = { ...certificate, isDefault }
    const others = document.certificates.map((c) =>
      isDefault && c.companyId === certificate.companyId && c.kind === certificate.kind
        ? { ...c, isDefault: false }
        : c,
    )
    this.settings.write({ ...document, certificates: [...others, stored] })
    return stored
  }

  setDefaultCertificate(companyId: string, id: string): void {
    const document = this.settings.read()
    const chosen = document.certificates.find((c) => c.companyId === companyId && c.id === id)
    if (!chosen) return
    this.settings.write({
      ...document,
      certificates: document.certificates.map((c) =>
        c.companyId === companyId && c.kind === chosen.kind ? { ...c, isDefault: c.id === id } : c,
      ),
    })
  }

  /** Removes a certificate; when it was the default, the newest other of its kind takes over. */
  removeCertificate(companyId: string, id: string): void {
    const document = this.settings.read()
    const removed = document.certificates.find((c) => c.companyId === companyId && c.id === id)
    const remaining = document.certificates.filter((c) => c !== removed)
    const heir = removed?.isDefault
      ? newest(remaining.filter((c) => c.companyId === companyId && c.kind === removed.kind))
      : undefined
    this.settings.write({
      ...document,
      certificates: remaining.map((c) => (c === heir ? { ...c, isDefault: true } : c)),
    })
  }

  tokens(companyId: string): TokenSummary[] {
    return this.settings.read().tokens.filter((t) => t.companyId === companyId)
  }

  defaultToken(companyId: string): TokenSummary | undefined {
    return this.tokens(companyId).find((t) => t.isDefault)
  }

  addToken(token: TokenSummary, makeDefault: boolean): TokenSummary {
    const document = this.settings.read()
    const isDefault =
      makeDefault || !document.tokens.some((t) => t.companyId === token.companyId && t.isDefault)
    const stored = { ...token, isDefault }
    const others = document.tokens.map((t) =>
      isDefault && t.companyId === token.companyId ? { ...t, isDefault: false } : t,
    )
    this.settings.write({ ...document, tokens: [...others, stored] })
    return stored
  }

  setDefaultToken(companyId: string, id: string): void {
    const document = this.settings.read()
    if (!document.tokens.some((t) => t.companyId === companyId && t.id === id)) return
    this.settings.write({
      ...document,
      tokens: document.tokens.map((t) =>
        t.companyId === companyId ? { ...t, isDefault: t.id === id } : t,
      ),
    })
  }

  /** Removes a token; when it was the default, the newest other token takes over. */
  removeToken(companyId: string, id: string): void {
    const document = this.settings.read()
    const removed = document.tokens.find((t) => t.companyId === companyId && t.id === id)
    const remaining = document.tokens.filter((t) => t !== removed)
    const heir = removed?.isDefault
      ? newest(remaining.filter((t) => t.companyId === companyId))
      : undefined
    this.settings.write({
      ...document,
      tokens: remaining.map((t) => (t === heir ? { ...t, isDefault: true } : t)),
    })
  }

  /** Forgets every credential of a company (its secrets and files are removed by the caller). */
  removeCompany(companyId: string): CertificateSummary[] {
    const document = this.settings.read()
    const certificates = document.certificates.filter((c) => c.companyId === companyId)
    this.settings.write({
      ...document,
      certificates: document.certificates.filter((c) => c.companyId !== companyId),
      tokens: document.tokens.filter((t) => t.companyId !== companyId),
    })
    return certificates
  }
}

const newest = <T extends { addedAt: string }>(items: T[]): T | undefined =>
  items.reduce<T | undefined>(
    (best, item) => (!best || item.addedAt > best.addedAt ? item : best),
    undefined,
  )
