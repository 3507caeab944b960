import { enrollmentCanBeForgotten, type CertificateRow } from './ksef-certificates'

/** What the user can do with one row of the certificate list. */
export type CertificateAction =
  | 'checkStatus' // Sprawdź status: an enrollment KSeF has not decided yet
  | 'retrieve' // Pobierz certyfikat: issued (a serial number), not stored here yet
  | 'makeDefault' // the Domyślny radio
  | 'revoke' // Unieważnij: KSeF still counts it as active
  | 'export' // Eksportuj: .crt + .key or .p12 of one stored here; the .crt of one only in KSeF
  | 'offlineCheck' // Sprawdź certyfikat trybu Offline
  | 'renew' // Odnów: a KSeF certificate stored here gets a successor
  | 'remove' // Usuń z tego komputera
  | 'forget' // Usuń wniosek z listy: a refused, gone or retrieved enrollment

const refusedEnrollment = (code: number | undefined): boolean => code !== undefined && code >= 400

/** The actions of a row, in the order the tab offers them. */
export function certificateActions(row: CertificateRow): CertificateAction[] {
  const actions: CertificateAction[] = []
  const { enrollment, certificate } = row
  if (row.location === 'enrollment' && enrollment) {
    const code = enrollment.status?.code
    if (enrollment.referenceNumber && !refusedEnrollment(code) && !enrollment.serialNumber)
      actions.push('checkStatus')
    if (enrollment.serialNumber && !enrollment.certificateId) actions.push('retrieve')
    if (enrollmentCanBeForgotten(enrollment)) actions.push('forget')
    return actions
  }
  const fromKsef = row.location === 'ksefOnly' || certificate?.issuerKind === 'ksef'
  const active = row.ksefStatus === null || row.ksefStatus === 'Active'
  if (certificate && row.location === 'thisComputer') actions.push('makeDefault')
  if (certificate || row.location === 'ksefOnly') actions.push('export')
  if (certificate?.kind === 'Offline') actions.push('offlineCheck')
  if (certificate?.issuerKind === 'ksef' && row.location === 'thisComputer') actions.push('renew')
  if (fromKsef && row.serialNumber && active) actions.push('revoke')
  if (certificate) actions.push('remove')
  return actions
}
