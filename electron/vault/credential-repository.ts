import {
  certificateStatusBarsLogin,
  tokenStatusBarsLogin,
  type CertificateKind,
  type CertificateSummary,
  type KsefCertificateStatus,
  type KsefTokenStatus,
  type TokenCheck,
  type TokenPermission,
  type TokenSummary,
} from '../../shared/domain/credentials'
import { defaultHeir } from '../../shared/domain/certificate-default'
import { tokenDefaultHeir } from '../../shared/domain/token-default'
import type { SettingsStore } from './settings-store'

/** A default certificate KSeF no longer lets log in, and the one that took its place (if any). */
export interface CertificateHandOff {
  from: CertificateSummary
  to: CertificateSummary | null
}

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

  /**
   * Adds a certificate; as the default of its kind when asked, or when the kind has no default
   * that can still log in (none, or one KSeF reports revoked, blocked or expired).
   */
  addCertificate(certificate: CertificateSummary, makeDefault: boolean): CertificateSummary {
    const document = this.settings.read()
    const hasDefault = document.certificates.some(
      (c) =>
        c.companyId === certificate.companyId &&
        c.kind === certificate.kind &&
        c.isDefault &&
        !certificateStatusBarsLogin(c.ksefStatus),
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

  /** Removes a certificate; when it was the default, its `defaultHeir` takes over. */
  removeCertificate(companyId: string, id: string): void {
    const document = this.settings.read()
    const removed = document.certificates.find((c) => c.companyId === companyId && c.id === id)
    const remaining = document.certificates.filter((c) => c !== removed)
    const heir = removed && defaultHeir(remaining, removed)
    this.settings.write({
      ...document,
      certificates: remaining.map((c) => (c === heir ? { ...c, isDefault: true } : c)),
    })
  }

  /**
   * What KSeF reported of the company's stored certificates, matched by serial number, in one
   * write: their status and when it was read. A default that can no longer log in hands the
   * default on to its `defaultHeir`; without one it stays the default, so a login says it is
   * revoked rather than that there is no certificate. Revoked is final: a later Blocked (KSeF's
   * state while a revocation is processed) does not undo it.
   */
  recordKsefCertificateStatuses(
    companyId: string,
    reports: readonly { serialNumber: string; status: KsefCertificateStatus }[],
    checkedAt: string,
  ): CertificateHandOff[] {
    const document = this.settings.read()
    const bySerial = new Map(reports.map((r) => [r.serialNumber.toUpperCase(), r.status]))
    let certificates = document.certificates.map((c) => {
      const status =
        c.companyId === companyId ? bySerial.get(c.serialNumber.toUpperCase()) : undefined
      if (!status) return c
      return {
        ...c,
        ksefStatus: c.ksefStatus === 'Revoked' && status === 'Blocked' ? c.ksefStatus : status,
        ksefCheckedAt: checkedAt,
      }
    })
    const barredBefore = new Set(
      document.certificates
        .filter((c) => certificateStatusBarsLogin(c.ksefStatus))
        .map((c) => c.id),
    )
    const handOffs: CertificateHandOff[] = []
    for (const retired of certificates.filter(
      (c) => c.companyId === companyId && c.isDefault && certificateStatusBarsLogin(c.ksefStatus),
    )) {
      const heir = defaultHeir(certificates, retired)
      // A default left without an heir is told once, when KSeF first reports it.
      if (heir || !barredBefore.has(retired.id)) {
        handOffs.push({ from: retired, to: heir ? { ...heir, isDefault: true } : null })
      }
      if (heir) {
        certificates = certificates.map((c) =>
          c.id === heir.id
            ? { ...c, isDefault: true }
            : c.id === retired.id
              ? { ...c, isDefault: false }
              : c,
        )
      }
    }
    if (reports.length > 0) this.settings.write({ ...document, certificates })
    return handOffs
  }

  tokens(companyId: string): TokenSummary[] {
    return this.settings.read().tokens.filter((t) => t.companyId === companyId)
  }

  defaultToken(companyId: string): TokenSummary | undefined {
    return this.tokens(companyId).find((t) => t.isDefault)
  }

  token(companyId: string, id: string): TokenSummary | undefined {
    return this.tokens(companyId).find((t) => t.id === id)
  }

  /**
   * Adds a token; as the default when asked, or when the company has no default that can still
   * log in (none, or one KSeF reports revoked).
   */
  addToken(token: TokenSummary, makeDefault: boolean): TokenSummary {
    const document = this.settings.read()
    const isDefault =
      makeDefault ||
      !document.tokens.some(
        (t) =>
          t.companyId === token.companyId && t.isDefault && !tokenStatusBarsLogin(t.ksefStatus),
      )
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

  /**
   * Removes a token; when it was the default, the newest other usable token of the same context
   * takes over.
   */
  removeToken(companyId: string, id: string): void {
    const document = this.settings.read()
    const removed = document.tokens.find((t) => t.companyId === companyId && t.id === id)
    const remaining = document.tokens.filter((t) => t !== removed)
    const heir = removed && tokenDefaultHeir(remaining, removed)
    this.settings.write({
      ...document,
      tokens: remaining.map((t) => (t === heir ? { ...t, isDefault: true } : t)),
    })
  }

  /**
   * What KSeF reported of the company's stored tokens, matched by reference number, in one
   * write: their status, and their permissions when KSeF names them. Returns whether a status
   * changed.
   */
  recordKsefTokenStatuses(
    companyId: string,
    reports: readonly {
      referenceNumber: string
      status: KsefTokenStatus
      permissions: readonly TokenPermission[]
    }[],
    checkedAt: string,
  ): boolean {
    const document = this.settings.read()
    const byReference = new Map(reports.map((report) => [report.referenceNumber, report]))
    let statusChanged = false
    let touched = false
    const tokens = document.tokens.map((t) => {
      const report = t.companyId === companyId ? byReference.get(t.referenceNumber) : undefined
      if (!report) return t
      touched = true
      if (report.status !== t.ksefStatus) statusChanged = true
      return {
        ...t,
        ksefStatus: report.status,
        ksefCheckedAt: checkedAt,
        permissions: report.permissions.length > 0 ? [...report.permissions] : t.permissions,
      }
    })
    if (touched) this.settings.write({ ...document, tokens })
    return statusChanged
  }

  recordTokenCheck(companyId: string, id: string, check: TokenCheck): TokenSummary | undefined {
    const document = this.settings.read()
    let updated: TokenSummary | undefined
    const tokens = document.tokens.map((t) => {
      if (t.companyId !== companyId || t.id !== id) return t
      updated = { ...t, lastCheck: check }
      return updated
    })
    if (updated) this.settings.write({ ...document, tokens })
    return updated
  }

  /**
   * A default token KSeF no longer lets log in hands the default on to the newest other usable
   * token of the same context. Without one it stays the default, so that a token login says it
   * is revoked rather than that there is no token. Returns the heir.
   */
  passOnRetiredDefaultToken(companyId: string, id: string): TokenSummary | undefined {
    const document = this.settings.read()
    const retired = document.tokens.find((t) => t.companyId === companyId && t.id === id)
    if (!retired?.isDefault || !tokenStatusBarsLogin(retired.ksefStatus)) return undefined
    const heir = tokenDefaultHeir(document.tokens, retired)
    if (!heir) return undefined
    this.settings.write({
      ...document,
      tokens: document.tokens.map((t) =>
        t === heir ? { ...t, isDefault: true } : t === retired ? { ...t, isDefault: false } : t,
      ),
    })
    return { ...heir, isDefault: true }
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
