// Wniosek o certyfikat, from the name to the stored certificate. The private key is sealed with
// a pending record before the request is sent, so an app that ends between KSeF's 202 and the
// retrieval loses nothing: Sprawdź status and Pobierz certyfikat carry on from the record.
import { randomUUID } from 'node:crypto'
import type { Company } from '../../shared/domain/company'
import {
  enrollmentCanBeForgotten,
  type CertificateProgress,
  type EnrollmentDraft,
  type EnrollmentResult,
  type EnrollmentSummary,
} from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'
import { readCertificate } from '../crypto/certificates'
import { createCsr } from '../crypto/csr'
import type { KsefClient } from '../ksef/client'
import { isKsefError } from '../ksef/errors'
import { codeOf } from '../auth/failures'
import { retryWaits } from '../ksef/http'
import { enrollmentKeySecret } from '../vault/enrollment-repository'
import { storeEnrolledCertificate } from './enrolled-certificate'
import { isPending, isRefused, rejected, statusCodeOf } from './enrollment-outcome'
import { assertEnrollmentName } from './enrollment-name'
import { enrollmentPollTimeoutMs, nextEnrollmentPollDelayMs } from './enrollment-polling'
import { assertCanRequest } from './limits'
import type { CertificateLifecyclePorts } from './ports'
import { anySessionToken, signatureSessionToken } from './signature-session'

type Progress = (update: Omit<CertificateProgress, 'companyId' | 'enrollmentId'>) => void

export class CertificateEnrollments {
  /** Enrollments being polled or retrieved right now: one hand at a time pairs a key. */
  readonly #claimed = new Set<string>()

  constructor(private readonly ports: CertificateLifecyclePorts) {}

  /** Sends a new enrollment; with `wait`, polls until KSeF decides and retrieves the certificate. */
  async enroll(
    company: Company,
    draft: EnrollmentDraft,
    wait: boolean,
    renews: string | null = null,
  ): Promise<EnrollmentResult> {
    const { ports } = this
    assertEnrollmentName(draft.name)
    const accessToken = await signatureSessionToken(ports.session, company.id, 'enroll')
    const id = randomUUID()
    const progress = this.#progress(company.id, id)
    const client = this.#client(company)
    // Claimed from the start: a record still without its reference number is being sent, and
    // must not be removed (forget) or read meanwhile.
    return this.#claim(id, () =>
      this.#withRateLimitProgress(progress, async () => {
        try {
          progress({ step: 'limits' })
          assertCanRequest(await client.certificates.getCertificateLimits(accessToken))
          progress({ step: 'enrollmentData' })
          const data = await client.certificates.getEnrollmentData(accessToken)
          progress({ step: 'generatingKey' })
          const request = await createCsr(data, { keyType: draft.keyType === 'RSA' ? 'rsa' : 'ec' })
          await ports.secrets.set(
            enrollmentKeySecret(company.id, id),
            request.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
          )
          let enrollment = ports.enrollments.save({
            id,
            companyId: company.id,
            environment: company.environment,
            name: draft.name,
            kind: draft.kind,
            keyType: draft.keyType,
            validFrom: draft.validFrom ? new Date(Date.parse(draft.validFrom)).toISOString() : null,
            createdAt: new Date(ports.clock.now()).toISOString(),
            referenceNumber: null,
            status: null,
            serialNumber: null,
            certificateId: null,
            renews,
            makeDefault: draft.makeDefault,
            goneAt: null,
          })
          progress({ step: 'sending' })
          try {
            const sent = await client.certificates.enrollCertificate(accessToken, {
              certificateName: draft.name,
              certificateType: draft.kind,
              csr: request.csrBase64,
              ...(draft.validFrom ? { validFrom: draft.validFrom } : {}),
            })
            enrollment = ports.enrollments.save({
              ...enrollment,
              referenceNumber: sent.referenceNumber,
            })
          } catch (error) {
            // Refused (or lost on the way): without a reference number nothing can be followed up.
            await ports.secrets.delete(enrollmentKeySecret(company.id, id))
            ports.enrollments.remove(company.id, id)
            throw error
          }
          ports.log.info('certificate enrollment sent', {
            companyId: company.id,
            enrollmentId: id,
            kind: draft.kind,
            keyType: draft.keyType,
          })
          this.#changed(company.id)
          if (!wait) return { enrollment, certificate: null }
          const decided = await this.#poll(company, enrollment, progress)
          if (isRefused(decided)) throw rejected(decided)
          if (decided.serialNumber === null) return { enrollment: decided, certificate: null }
          return await this.#pair(company, decided, progress)
        } catch (error) {
          progress({ step: 'failed', ...statusCodeOf(error) })
          ports.log.error('certificate enrollment failed', {
            companyId: company.id,
            enrollmentId: id,
            code: codeOf(error),
          })
          throw error
        }
      }),
    )
  }

  /**
   * Usuń wniosek: forgets an enrollment that can come to nothing more (`enrollmentCanBeForgotten`)
   * with any key still sealed for it; one being sent or read right now is left to finish.
   */
  async forget(company: Company, enrollmentId: string): Promise<void> {
    const enrollment = this.#enrollment(company.id, enrollmentId)
    if (!enrollmentCanBeForgotten(enrollment)) {
      throw new AppError(
        'CERT_ENROLLMENT_UNFINISHED',
        enrollment.serialNumber === null
          ? 'KSeF is still deciding on this certificate request, and its private key, kept on this computer, is needed to pair the certificate: it cannot be removed. Check its status: once KSeF refuses it or no longer keeps it, it can be removed.'
          : 'KSeF issued this certificate and it waits for Pobierz certyfikat: its private key, kept on this computer, is needed to pair it, so the request cannot be removed. Retrieve the certificate first.',
        { statusCode: enrollment.status?.code ?? null, serialNumber: enrollment.serialNumber },
      )
    }
    await this.#claim(enrollmentId, async () => {
      await this.ports.secrets.delete(enrollmentKeySecret(company.id, enrollmentId))
      this.ports.enrollments.remove(company.id, enrollmentId)
    })
    this.ports.log.info('certificate enrollment forgotten', {
      companyId: company.id,
      enrollmentId,
      statusCode: enrollment.status?.code ?? 0,
    })
    this.#changed(company.id)
  }

  /** Sprawdź status: one read of KSeF's status; a decided or retrieved enrollment is not asked again. */
  async status(company: Company, enrollmentId: string): Promise<EnrollmentSummary> {
    const enrollment = this.#enrollment(company.id, enrollmentId)
    if (!isPending(enrollment) || enrollment.referenceNumber === null) return enrollment
    const progress = this.#progress(company.id, enrollmentId)
    return this.#claim(enrollmentId, () =>
      this.#withRateLimitProgress(progress, async () => {
        const read = await this.#readStatus(company, enrollment)
        progress({
          step: 'waiting',
          ...(read.status ? { statusCode: read.status.code } : {}),
          ...(read.referenceNumber ? { referenceNumber: read.referenceNumber } : {}),
        })
        return read
      }),
    )
  }

  /** Pobierz certyfikat: reads the status first when no serial number is known yet. */
  async retrieve(company: Company, enrollmentId: string): Promise<EnrollmentResult> {
    const enrollment = this.#enrollment(company.id, enrollmentId)
    const retrieved = enrollment.certificateId
      ? this.ports.credentials.certificate(company.id, enrollment.certificateId)
      : undefined
    if (retrieved) return { enrollment, certificate: retrieved }
    if (enrollment.certificateId) {
      throw new AppError(
        'CERT_NOT_FOUND',
        'The certificate of this enrollment was removed from this computer, and its key with it.',
      )
    }
    if (isRefused(enrollment)) throw rejected(enrollment)
    const progress = this.#progress(company.id, enrollmentId)
    return this.#claim(enrollmentId, () =>
      this.#withRateLimitProgress(progress, async () => {
        let current = enrollment
        if (current.serialNumber === null && current.referenceNumber !== null) {
          current = await this.#readStatus(company, current)
        }
        if (isRefused(current)) throw rejected(current)
        if (current.serialNumber === null) {
          throw new AppError(
            'CERT_ENROLLMENT_PENDING',
            'KSeF has not issued this certificate yet: there is no serial number to retrieve. Check its status in a moment.',
            { statusCode: current.status?.code ?? null },
          )
        }
        return this.#pair(company, current, progress)
      }),
    )
  }

  #enrollment(companyId: string, enrollmentId: string): EnrollmentSummary {
    const enrollment = this.ports.enrollments.enrollment(companyId, enrollmentId)
    if (!enrollment) {
      throw new AppError(
        'CERT_ENROLLMENT_NOT_FOUND',
        'This certificate enrollment is not on the list of the company.',
      )
    }
    return enrollment
  }

  async #poll(
    company: Company,
    start: EnrollmentSummary,
    progress: Progress,
  ): Promise<EnrollmentSummary> {
    let enrollment = start
    // Counted in the waits asked for, not on the clock: the polls end however time is kept.
    let waitedMs = 0
    for (;;) {
      enrollment = await this.#readStatus(company, enrollment)
      progress({
        step: 'waiting',
        ...(enrollment.status ? { statusCode: enrollment.status.code } : {}),
        ...(enrollment.referenceNumber ? { referenceNumber: enrollment.referenceNumber } : {}),
      })
      if (!isPending(enrollment) || waitedMs >= enrollmentPollTimeoutMs) return enrollment
      const delay = nextEnrollmentPollDelayMs(waitedMs)
      // The app closes: left pending, as after the timeout; Sprawdź status carries on.
      if (!(await this.ports.background.wait(delay))) return enrollment
      waitedMs += delay
    }
  }

  /** One status read, recorded; a refusal deletes the key at once (it can never be certified). */
  async #readStatus(company: Company, enrollment: EnrollmentSummary): Promise<EnrollmentSummary> {
    const { ports } = this
    const referenceNumber = enrollment.referenceNumber
    if (referenceNumber === null) return enrollment
    const accessToken = await anySessionToken(ports.session, company.id)
    let read
    try {
      read = await this.#client(company).certificates.getEnrollmentStatus(
        accessToken,
        referenceNumber,
      )
    } catch (error) {
      if (isKsefError(error) && error.httpStatus === 410) {
        if (typeof enrollment.goneAt !== 'string') {
          ports.enrollments.save({
            ...enrollment,
            goneAt: new Date(ports.clock.now()).toISOString(),
          })
          this.#changed(company.id)
        }
        throw new AppError(
          'CERT_ENROLLMENT_GONE',
          'KSeF no longer keeps this enrollment (statuses are kept 30 days). If the certificate was issued, it is on the KSeF list; otherwise request a new one.',
          { referenceNumber, httpStatus: 410, ksefCodeKind: 'http', ksefCode: 410 },
        )
      }
      throw error
    }
    const updated: EnrollmentSummary = {
      ...enrollment,
      status: {
        code: read.status.code,
        description: read.status.description,
        details: read.status.details ?? [],
      },
      serialNumber: read.certificateSerialNumber ?? enrollment.serialNumber,
    }
    const changed =
      updated.status?.code !== enrollment.status?.code ||
      updated.serialNumber !== enrollment.serialNumber
    ports.enrollments.save(updated)
    if (isRefused(updated)) {
      await ports.secrets.delete(enrollmentKeySecret(company.id, enrollment.id))
      ports.log.info('certificate enrollment refused', {
        companyId: company.id,
        enrollmentId: enrollment.id,
        statusCode: updated.status?.code ?? 0,
      })
    }
    if (changed) this.#changed(company.id)
    return updated
  }

  /** Retrieves the issued certificate, pairs it with the sealed key, checks it and stores it. */
  async #pair(
    company: Company,
    enrollment: EnrollmentSummary,
    progress: Progress,
  ): Promise<EnrollmentResult> {
    const { ports } = this
    const serialNumber = enrollment.serialNumber ?? ''
    progress({ step: 'retrieving', statusCode: 200 })
    const accessToken = await anySessionToken(ports.session, company.id)
    const { certificates } = await this.#client(company).certificates.retrieveCertificates(
      accessToken,
      [serialNumber],
    )
    const found = certificates.find(
      (c) => c.certificateSerialNumber.toUpperCase() === serialNumber.toUpperCase(),
    )
    if (!found) {
      throw new AppError(
        'CERT_NOT_IN_KSEF',
        `KSeF returned no certificate ${serialNumber} for the logged-in subject.`,
        { serialNumber },
      )
    }
    const certificate = readCertificate(Buffer.from(found.certificate, 'base64'))
    const keyName = enrollmentKeySecret(company.id, enrollment.id)
    // Stored already by a retrieval that ended before its record was updated.
    const earlier = ports.credentials
      .certificates(company.id)
      .find((c) => c.fingerprintSha256 === certificate.fingerprintSha256)
    const stored =
      earlier ?? (await storeEnrolledCertificate(ports, company, enrollment, certificate, keyName))
    const done = ports.enrollments.save({ ...enrollment, certificateId: stored.id })
    await ports.secrets.delete(keyName)
    ports.log.info('certificate retrieved', {
      companyId: company.id,
      enrollmentId: enrollment.id,
      certificateId: stored.id,
      kind: stored.kind,
    })
    progress({ step: 'done', statusCode: 200 })
    this.#changed(company.id)
    return { enrollment: done, certificate: stored }
  }

  async #claim<T>(enrollmentId: string, work: () => Promise<T>): Promise<T> {
    if (this.#claimed.has(enrollmentId)) {
      throw new AppError(
        'CERT_ENROLLMENT_IN_PROGRESS',
        'This enrollment is being checked or retrieved already.',
      )
    }
    this.#claimed.add(enrollmentId)
    try {
      // A close of the app awaits it: a key is sealed or paired, a record written, to the end.
      return await this.ports.background.run(work())
    } finally {
      this.#claimed.delete(enrollmentId)
    }
  }

  /** KSeF's 429 is waited out by the client; the user sees the wait as progress. */
  #withRateLimitProgress<T>(progress: Progress, work: () => Promise<T>): Promise<T> {
    return retryWaits.run((wait) => {
      if (wait.reason === 'rateLimited')
        progress({ step: 'rateLimited', waitSeconds: Math.ceil(wait.ms / 1000) })
    }, work)
  }

  #progress(companyId: string, enrollmentId: string): Progress {
    return (update) =>
      this.ports.events.emit('certificates:progress', { companyId, enrollmentId, ...update })
  }

  #changed(companyId: string): void {
    this.ports.events.emit('certificates:changed', { companyId })
  }

  #client(company: Company): KsefClient {
    return this.ports.clients.forEnvironment(company.environment)
  }
}
