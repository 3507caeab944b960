// KSeF certificates of the authenticated subject: limits, enrollment (after a XAdES login only),
// its status, retrieval, revocation and the list.
import { AppError } from '../../shared/ipc/errors'
import { checkCertificateName } from '../../shared/validation/certificate-name'
import type { KsefHttp } from './http'
import type { components } from './openapi-types'

type Schemas = components['schemas']
export type CertificateLimits = Schemas['CertificateLimitsResponse']
export type EnrollmentDataResponse = Schemas['CertificateEnrollmentDataResponse']
export type EnrollCertificateRequest = Schemas['EnrollCertificateRequest']
export type EnrollCertificateResponse = Schemas['EnrollCertificateResponse']
export type EnrollmentStatus = Schemas['CertificateEnrollmentStatusResponse']
export type RetrievedCertificates = Schemas['RetrieveCertificatesResponse']
export type RevocationReason = Schemas['CertificateRevocationReason']
export type CertificateQuery = Schemas['QueryCertificatesRequest']
export type CertificateList = Schemas['QueryCertificatesResponse']

export function getCertificateLimits(
  http: KsefHttp,
  accessToken: string,
): Promise<CertificateLimits> {
  return http
    .request<CertificateLimits>({
      method: 'GET',
      path: '/certificates/limits',
      bearer: accessToken,
      repeatable: true,
    })
    .then((r) => r.data)
}

export function getEnrollmentData(
  http: KsefHttp,
  accessToken: string,
): Promise<EnrollmentDataResponse> {
  return http
    .request<EnrollmentDataResponse>({
      method: 'GET',
      path: '/certificates/enrollments/data',
      bearer: accessToken,
      repeatable: true,
      expect: ['commonName', 'countryName'],
    })
    .then((r) => r.data)
}

/** Submits a CSR. One-shot: a repeat could file a second request and count against the limit. */
export async function enrollCertificate(
  http: KsefHttp,
  accessToken: string,
  request: EnrollCertificateRequest,
): Promise<EnrollCertificateResponse> {
  if (checkCertificateName(request.certificateName)) {
    throw new AppError(
      'CERTIFICATE_NAME_RULES',
      'A certificate name has 5–100 characters: letters (Polish too), digits, spaces, - and _.',
      { field: 'certificateName' },
    )
  }
  const response = await http.request<EnrollCertificateResponse>({
    method: 'POST',
    path: '/certificates/enrollments',
    json: request,
    bearer: accessToken,
    repeatable: false,
    expect: ['referenceNumber'],
  })
  return response.data
}

export function getEnrollmentStatus(
  http: KsefHttp,
  accessToken: string,
  referenceNumber: string,
): Promise<EnrollmentStatus> {
  return http
    .request<EnrollmentStatus>({
      method: 'GET',
      path: `/certificates/enrollments/${encodeURIComponent(referenceNumber)}`,
      bearer: accessToken,
      repeatable: true,
      expect: ['status'],
    })
    .then((r) => r.data)
}

/** Reads certificates by serial number; a read, so safe to repeat. */
export function retrieveCertificates(
  http: KsefHttp,
  accessToken: string,
  serialNumbers: readonly string[],
): Promise<RetrievedCertificates> {
  return http
    .request<RetrievedCertificates>({
      method: 'POST',
      path: '/certificates/retrieve',
      json: { certificateSerialNumbers: [...serialNumbers] },
      bearer: accessToken,
      repeatable: true,
      expect: ['certificates'],
    })
    .then((r) => r.data)
}

/** Revokes a certificate for good. One-shot. */
export async function revokeCertificate(
  http: KsefHttp,
  accessToken: string,
  serialNumber: string,
  reason?: RevocationReason,
): Promise<void> {
  await http.request({
    method: 'POST',
    path: `/certificates/${encodeURIComponent(serialNumber)}/revoke`,
    json: reason ? { revocationReason: reason } : {},
    bearer: accessToken,
    repeatable: false,
  })
}

/** The subject's certificates, newest request first; a query, so safe to repeat. */
export function queryCertificates(
  http: KsefHttp,
  accessToken: string,
  filter: CertificateQuery = {},
  page: { pageSize?: number; pageOffset?: number } = {},
): Promise<CertificateList> {
  return http
    .request<CertificateList>({
      method: 'POST',
      path: '/certificates/query',
      query: { pageSize: page.pageSize, pageOffset: page.pageOffset },
      json: filter,
      bearer: accessToken,
      repeatable: true,
      expect: ['certificates'],
    })
    .then((r) => r.data)
}
