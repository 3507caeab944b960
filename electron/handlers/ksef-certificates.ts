import { AppError } from '../../shared/ipc/errors'
import type { Handler } from './context'

const notBuilt = (): Promise<never> => Promise.reject(new AppError('INTERNAL', 'Not built yet.'))

export const ksefCertificateHandlers: {
  'certificates:publicKeys': Handler<'certificates:publicKeys'>
  'certificates:limits': Handler<'certificates:limits'>
  'certificates:enroll': Handler<'certificates:enroll'>
  'certificates:enrollmentStatus': Handler<'certificates:enrollmentStatus'>
  'certificates:retrieve': Handler<'certificates:retrieve'>
  'certificates:renew': Handler<'certificates:renew'>
  'certificates:listing': Handler<'certificates:listing'>
  'certificates:revoke': Handler<'certificates:revoke'>
  'certificates:export': Handler<'certificates:export'>
  'certificates:offlineCheck': Handler<'certificates:offlineCheck'>
} = {
  'certificates:publicKeys': notBuilt,
  'certificates:limits': notBuilt,
  'certificates:enroll': notBuilt,
  'certificates:enrollmentStatus': notBuilt,
  'certificates:retrieve': notBuilt,
  'certificates:renew': notBuilt,
  'certificates:listing': notBuilt,
  'certificates:revoke': notBuilt,
  'certificates:export': notBuilt,
  'certificates:offlineCheck': notBuilt,
}
