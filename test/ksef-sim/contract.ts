import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import type { ErrorObject, ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

/**
 * The official KSeF OpenAPI 3.0 contract, compiled for ajv: the simulator validates the
 * requests it receives (as KSeF does, answering 21405) and every response it sends.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

export interface ContractParameter {
  name: string
  in: 'query' | 'header' | 'path'
  required: boolean
  schema: JsonObject
}

export interface ContractResponse {
  /** Media type → schema; empty when the response has no body. */
  content: Record<string, JsonObject | undefined>
  headers: string[]
}

export interface ContractOperation {
  method: string
  /** Path template without the /v2 prefix, e.g. `/auth/{referenceNumber}`. */
  template: string
  parameters: ContractParameter[]
  requestBody?: { required: boolean; content: Record<string, JsonObject | undefined> }
  responses: Record<string, ContractResponse>
  secured: boolean
  rateLimits?: { perSecond?: number; perMinute?: number; perHour?: number }
}

export interface MatchedOperation {
  operation: ContractOperation
  params: Record<string, string>
}

const SCHEMA_ID = 'ksef-openapi'
const CONTRACT_URL = new URL('../../ksef-contract/openapi.json', import.meta.url)

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * OpenAPI 3.0 → JSON Schema as ajv reads it: `nullable` becomes "or null" (ajv's own nullable
 * needs a sibling `type`, which the contract's allOf-wrapped properties do not have), refs point
 * into the registered contract document, and examples are dropped.
 */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema)
  if (!isObject(node)) return node
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples' || key === 'nullable' || key.startsWith('x-'))
      continue
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.startsWith('#/') ? `${SCHEMA_ID}${value}` : value
      continue
    }
    out[key] = toJsonSchema(value)
  }
  return node.nullable === true ? { anyOf: [out, { type: 'null' }] } : out
}

function readOperations(document: JsonObject): ContractOperation[] {
  const operations: ContractOperation[] = []
  const paths = isObject(document.paths) ? document.paths : {}
  for (const [template, item] of Object.entries(paths)) {
    if (!isObject(item)) continue
    for (const [method, raw] of Object.entries(item)) {
      if (!isObject(raw) || !isObject(raw.responses)) continue
      const parameters = (Array.isArray(raw.parameters) ? raw.parameters : [])
        .filter(isObject)
        .map((parameter): ContractParameter => ({
          name: typeof parameter.name === 'string' ? parameter.name : '',
          in: parameter.in as ContractParameter['in'],
          required: parameter.required === true,
          schema: isObject(parameter.schema) ? (toJsonSchema(parameter.schema) as JsonObject) : {},
        }))
      const responses: Record<string, ContractResponse> = {}
      for (const [status, response] of Object.entries(raw.responses)) {
        if (!isObject(response)) continue
        const content: Record<string, JsonObject | undefined> = {}
        if (isObject(response.content)) {
          for (const [mediaType, media] of Object.entries(response.content)) {
            content[mediaType] =
              isObject(media) && isObject(media.schema)
                ? (toJsonSchema(media.schema) as JsonObject)
                : undefined
          }
        }
        responses[status] = {
          content,
          headers: isObject(response.headers) ? Object.keys(response.headers) : [],
        }
      }
      let requestBody: ContractOperation['requestBody']
      if (isObject(raw.requestBody) && isObject(raw.requestBody.content)) {
        const content: Record<string, JsonObject | undefined> = {}
        for (const [mediaType, media] of Object.entries(raw.requestBody.content)) {
          content[mediaType] =
            isObject(media) && isObject(media.schema)
              ? (toJsonSchema(media.schema) as JsonObject)
              : undefined
        }
        requestBody = { required: raw.requestBody.required === true, content }
      }
      const limits = raw['x-rate-limits']
      operations.push({
        method: method.toUpperCase(),
        template,
        parameters,
        requestBody,
        responses,
        secured: Array.isArray(raw.security) && raw.security.length > 0,
        rateLimits: isObject(limits)
          ? {
              perSecond: typeof limits.perSecond === 'number' ? limits.perSecond : undefined,
              perMinute: typeof limits.perMinute === 'number' ? limits.perMinute : undefined,
              perHour: typeof limits.perHour === 'number' ? limits.perHour : undefined,
            }
          : undefined,
      })
    }
  }
  return operations
}

function templatePattern(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = []
  const source = template
    .split('/')
    .map((segment) => {
      const match = /^\{(.+)\}$/.exec(segment)
      if (!match?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      names.push(match[1])
      return '([^/]+)'
    })
    .join('/')
  return { pattern: new RegExp(`^${source}$`), names }
}

export function describeAjvErrors(
  errors: ErrorObject[] | null | undefined,
  root: string,
): string[] {
  return (errors ?? []).map((error) => {
    const where = `${root}${error.instancePath}`
    return `${where}: ${error.message ?? 'invalid'}`
  })
}

export class Contract {
  readonly operations: ContractOperation[]
  readonly version: string
  private readonly ajv: Ajv
  private readonly matchers: { operation: ContractOperation; pattern: RegExp; names: string[] }[]
  private readonly compiled = new WeakMap<JsonObject, ValidateFunction>()

  constructor(document: JsonObject) {
    this.operations = readOperations(document)
    const info = isObject(document.info) ? document.info : {}
    const description = typeof info.description === 'string' ? info.description : ''
    this.version = /Wersja API:\*{0,2} ([\d.]+)/.exec(description)?.[1] ?? 'unknown'
    // The contract's certificateName pattern escapes a space (`\ `), which is a syntax error in a
    // unicode-mode RegExp; ajv must compile patterns without the u flag, as .NET would read them.
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateFormats: true,
      unicodeRegExp: false,
    })
    // ajv-formats ships as CommonJS with a default export object; both shapes occur under tsx/vitest.
    const addFormats = ('default' in addFormatsModule
      ? addFormatsModule.default
      : addFormatsModule) as unknown as (ajv: Ajv) => void
    addFormats(this.ajv)
    const components = isObject(document.components) ? document.components : {}
    this.ajv.addSchema({ $id: SCHEMA_ID, components: toJsonSchema(components) })
    this.matchers = this.operations
      .map((operation) => ({ operation, ...templatePattern(operation.template) }))
      // A literal segment beats a parameter: /auth/sessions is not /auth/{referenceNumber}.
      .sort((a, b) => a.names.length - b.names.length)
  }

  static load(): Contract {
    return new Contract(JSON.parse(readFileSync(CONTRACT_URL, 'utf8')) as JsonObject)
  }

  match(method: string, path: string): MatchedOperation | undefined {
    for (const { operation, pattern, names } of this.matchers) {
      if (operation.method !== method) continue
      const match = pattern.exec(path)
      if (!match) continue
      const params: Record<string, string> = {}
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(match[i + 1] ?? '')
      })
      return { operation, params }
    }
    return undefined
  }

  /** True when some operation has this path, whatever the method (405 rather than 404). */
  hasPath(path: string): boolean {
    return this.matchers.some(({ pattern }) => pattern.test(path))
  }

  validate(schema: JsonObject, value: unknown, root: string): string[] {
    let validator = this.compiled.get(schema)
    if (!validator) {
      validator = this.ajv.compile(schema)
      this.compiled.set(schema, validator)
    }
    return validator(value) ? [] : describeAjvErrors(validator.errors, root)
  }
}
