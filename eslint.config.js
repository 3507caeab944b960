import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Module specifiers, matched as regular expressions so that a relative path into our own
// electron/ folder is not mistaken for the 'electron' package and vice versa.
const nodeBuiltins = '^(node:|(fs|path|crypto|os|child_process|http|https|net)(/|$))'
const electronModules = '^electron(-store)?(/|$)'
const intoElectronFolder = '^(\\.{1,2}/)+(.*/)?electron/'
const intoRendererFolder = '^(\\.{1,2}/)+(.*/)?renderer/'

const forbid = (regex, message) => ({ regex, message })

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      'test-results/',
      'electron/ksef/openapi-types.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  // Import boundaries (DESIGN.md §1). Only electron/platform/** and electron/main.ts touch Electron;
  // the preload too, as it must: contextBridge is the one thing it exists to call.
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['electron/platform/**', 'electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              electronModules,
              'Only electron/platform/ and electron/main.ts may import Electron.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(electronModules, 'shared/ is the contract between both worlds: no Electron.'),
            forbid(intoElectronFolder, 'shared/ imports neither electron/ nor renderer/.'),
            forbid(intoRendererFolder, 'shared/ imports neither electron/ nor renderer/.'),
            forbid(nodeBuiltins, 'shared/ runs in the renderer too: no Node built-ins.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(electronModules, 'The renderer talks to main only through src/api.ts.'),
            forbid(intoElectronFolder, 'renderer/ never imports electron/: use the contract.'),
            forbid(nodeBuiltins, 'The renderer is sandboxed: no Node built-ins.'),
          ],
        },
      ],
    },
  },
  prettier,
)
