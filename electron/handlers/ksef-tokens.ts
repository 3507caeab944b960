import { AppError } from '../../shared/ipc/errors'
import type { Handler } from './context'

const notBuilt = (): Promise<never> => Promise.reject(new AppError('INTERNAL', 'Not built yet.'))

export const ksefTokenHandlers: {
  'tokens:ksefList': Handler<'tokens:ksefList'>
  'tokens:generate': Handler<'tokens:generate'>
  'tokens:reveal': Handler<'tokens:reveal'>
  'tokens:status': Handler<'tokens:status'>
  'tokens:revoke': Handler<'tokens:revoke'>
  'tokens:check': Handler<'tokens:check'>
  'tokens:policy': Handler<'tokens:policy'>
} = {
  'tokens:ksefList': notBuilt,
  'tokens:generate': notBuilt,
  'tokens:reveal': notBuilt,
  'tokens:status': notBuilt,
  'tokens:revoke': notBuilt,
  'tokens:check': notBuilt,
  'tokens:policy': notBuilt,
}
