// Reading option values the same way in every command: required ones, secrets (given inline or
// from a file, so they stay out of shell history and `ps`), the environment.
import { environments, type Environment } from '../../shared/domain/environment'
import { AppError } from '../../shared/ipc/errors'
import type { OptionSpec, OptionValues } from './command'
import type { CliIo } from './io'

export const usageError = (message: string): AppError => new AppError('CLI_USAGE', message)

export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

export function requiredString(values: OptionValues, name: string): string {
  const value = optionalString(values, name)
  if (value === undefined || value === '') throw usageError(`--${name} is required.`)
  return value
}

/** The option spec of a secret: --NAME VALUE or --NAME-file FILE (first line). */
export function secretOptions(name: string): OptionSpec {
  return { [name]: { type: 'string' }, [`${name}-file`]: { type: 'string' } }
}

export function optionalSecret(values: OptionValues, name: string, io: CliIo): string | undefined {
  const inline = optionalString(values, name)
  const file = optionalString(values, `${name}-file`)
  if (inline !== undefined && file !== undefined)
    throw usageError(`Give --${name} or --${name}-file, not both.`)
  if (file !== undefined) return io.readFile(file).toString('utf8').split(/\r?\n/)[0] ?? ''
  return inline
}

export function requiredSecret(values: OptionValues, name: string, io: CliIo): string {
  const value = optionalSecret(values, name, io)
  if (value === undefined || value === '')
    throw usageError(`--${name} (or --${name}-file) is required.`)
  return value
}

export const environmentOption: OptionSpec = { env: { type: 'string', default: 'test' } }

/** What --env calls each environment: the one list every command reads and writes. */
const environmentOptionNames: Record<Environment, string> = {
  Test: 'test',
  Demo: 'demo',
  Production: 'prod',
}

export const environmentOptionName = (environment: Environment): string =>
  environmentOptionNames[environment]

/** --env test|demo|prod as the contract's Environment. */
export function environmentOf(values: OptionValues): Environment {
  const name = optionalString(values, 'env')
  if (name === undefined) throw usageError('--env is required.')
  const found = environments.find((each) => environmentOptionNames[each] === name)
  if (!found) {
    const allowed = environments.map(environmentOptionName).join(', ')
    throw usageError(`--env must be one of ${allowed}, not "${name}".`)
  }
  return found
}

export function oneOf<T extends string>(
  values: OptionValues,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const value = optionalString(values, name) ?? fallback
  if (value === undefined) throw usageError(`--${name} is required.`)
  const found = allowed.find((a) => a === value)
  if (!found) throw usageError(`--${name} must be ${allowed.join(' or ')}, not "${value}".`)
  return found
}

/** How an option names a value of the contract: InvoiceRead → invoice-read, KeyCompromise → key-compromise. */
export const optionValueName = (value: string): string =>
  value.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()

/** --NAME as one value of the contract, written the option's way (key-compromise for KeyCompromise). */
export function contractValue<T extends string>(
  values: OptionValues,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const given = optionalString(values, name)
  if (given === undefined) {
    if (fallback === undefined) throw usageError(`--${name} is required.`)
    return fallback
  }
  return valueNamed(name, given, allowed)
}

/** --NAME a,b,c as values of the contract; an empty list when the option is absent. */
export function contractValues<T extends string>(
  values: OptionValues,
  name: string,
  allowed: readonly T[],
): T[] {
  const given = optionalString(values, name)
  if (given === undefined) return []
  const names = given.split(',').map((each) => each.trim())
  if (names.some((each) => each === ''))
    throw usageError(`--${name} takes a comma-separated list, not "${given}".`)
  return [...new Set(names.map((each) => valueNamed(name, each, allowed)))]
}

function valueNamed<T extends string>(name: string, given: string, allowed: readonly T[]): T {
  const found = allowed.find((each) => optionValueName(each) === given)
  if (found === undefined) {
    const names = allowed.map(optionValueName)
    const list = names.length === 2 ? names.join(' or ') : `one of ${names.join(', ')}`
    throw usageError(`--${name} must be ${list}, not "${given}".`)
  }
  return found
}
