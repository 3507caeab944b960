// `settings set`: the app's preferences of the data folder that a terminal may change.
import type { TokenPolicy } from '../../shared/domain/ksef-tokens'
import type { CliCommand } from './command'
import { dataFolderHelp, dataFolderOptions, dataFolderUsage, withDataFolder } from './data-folder'
import { usageError } from './options'

const switches = { on: true, off: false } as const

const settingsSet: CliCommand = {
  path: ['settings', 'set'],
  summary: 'change a setting of the data folder: tokens-after-2026 on|off',
  usage: `tokens-after-2026 on|off ${dataFolderUsage}`,
  help:
    'tokens-after-2026: under the regulation in force KSeF tokens may be used until 31 December 2026;\n' +
    'from 1 January 2027 generating tokens and logging in with them are off (certificates log in).\n' +
    'on keeps them working after that date, should the law be extended; off (the default) follows\n' +
    'the date. Before the date tokens work either way. --json prints the preferences and the token\n' +
    'policy now.\n\n' +
    dataFolderHelp,
  options: dataFolderOptions,
  positionals: { min: 2, max: 2 },
  run({ values, positionals }, io) {
    const [name, value] = positionals
    if (name !== 'tokens-after-2026')
      throw usageError(`There is no setting "${name ?? ''}"; the one there is: tokens-after-2026.`)
    if (value !== 'on' && value !== 'off')
      throw usageError(`tokens-after-2026 is on or off, not "${value ?? ''}".`)
    return withDataFolder(values, io, async ({ call }) => {
      const preferences = await call('preferences:update', { tokensAfter2026: switches[value] })
      const policy = await call('tokens:policy', undefined)
      return {
        text: `tokens-after-2026: ${value}. ${policyText(policy)}`,
        json: { preferences, tokenPolicy: policy },
      }
    })
  },
}

function policyText(policy: TokenPolicy): string {
  if (!policy.afterSunset)
    return 'KSeF tokens may be generated and used now, until 31 December 2026.'
  return policy.allowed
    ? 'The 31 December 2026 end of tokens has passed, and they stay on: generating and logging in with tokens work.'
    : 'The 31 December 2026 end of tokens has passed: generating and logging in with tokens are off; log in with a certificate.'
}

export const settingsCommands: CliCommand[] = [settingsSet]
