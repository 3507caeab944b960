import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import packageJson from '../../../package.json'

// Packaging needs the Electron download, which CI cannot do; the configuration is still checked
// against electron-builder's own schema, and against what electron-vite builds.
const require = createRequire(import.meta.url)
const schema = require('app-builder-lib/scheme.json') as object
const config = load(
  readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8'),
) as {
  files: string[]
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true)
  })

  it('packages the built output and points at the built main process', () => {
    expect(config.files).toContain('out/**/*')
    expect(packageJson.main).toBe('out/main/index.js')
  })
})
