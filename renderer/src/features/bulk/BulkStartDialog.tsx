import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BulkActionInput, TokenRevocationMatch } from '../../../../shared/domain/bulk'
import { FormDialog } from '../../components/FormDialog'
import { useJobs } from '../../store/jobs'
import { useView } from '../../store/view'
import { TokenDraftFields, useTokenDraft, type TokenDraft } from '../tokens/TokenDraftFields'
import type { StartableBulkAction } from './bulk-actions'

type RevokeBy = TokenRevocationMatch['by']

interface Props {
  action: StartableBulkAction
  companyIds: readonly string[]
  onClose: () => void
}

// KSeF filters tokens by author and description from 3 characters on.
const filterMinLength = 3

/** What the action will do to the companies, its options, and Uruchom; then the job in Zadania. */
export function BulkStartDialog({ action, companyIds, onClose }: Props) {
  const { t } = useTranslation()
  const start = useJobs((state) => state.start)
  const draft = useTokenDraft()
  const [revokeBy, setRevokeBy] = useState<RevokeBy>('description')
  const [revokeText, setRevokeText] = useState('')
  const [withinDays, setWithinDays] = useState('30')
  const [makeDefault, setMakeDefault] = useState(false)
  const days = Number(withinDays)
  const daysValid = Number.isInteger(days) && days >= 1 && days <= 366

  const input = actionInput(action, {
    draft,
    makeDefault,
    revokeBy,
    revokeText: revokeText.trim(),
    withinDays: days,
  })
  const canSubmit =
    (action !== 'generateTokens' || draft.valid) &&
    (action !== 'revokeTokens' ||
      revokeBy === 'all' ||
      revokeText.trim().length >= filterMinLength) &&
    (action !== 'renewCertificates' || daysValid)

  return (
    <FormDialog
      title={t(`jobs.action.${action}`)}
      submitLabel={t('jobs.startSubmit', { count: companyIds.length })}
      onSubmit={async () => {
        await start(input, { kind: 'ids', companyIds: [...companyIds] })
        useView.getState().show('jobs')
      }}
      onClose={onClose}
      canSubmit={canSubmit}
      maxWidth={action === 'generateTokens' ? 'md' : 'sm'}
      testId="bulk-start"
    >
      <Typography variant="body2" data-testid="bulk-start-what">
        {t(`jobs.what.${action}`, { count: companyIds.length })}
      </Typography>
      {action === 'generateTokens' && (
        <>
          <TokenDraftFields draft={draft} />
          <FormControlLabel
            control={
              <Checkbox
                checked={makeDefault}
                onChange={(event) => setMakeDefault(event.target.checked)}
                data-testid="bulk-make-default"
              />
            }
            label={t('jobs.makeDefault')}
          />
        </>
      )}
      {action === 'revokeTokens' && (
        <>
          <RadioGroup
            value={revokeBy}
            onChange={(event) => setRevokeBy(event.target.value as RevokeBy)}
            aria-label={t('jobs.revokeBy.label')}
          >
            {(['description', 'author', 'all'] as const).map((by) => (
              <FormControlLabel
                key={by}
                value={by}
                control={<Radio size="small" />}
                label={t(`jobs.revokeBy.${by}`)}
                data-testid={`bulk-revoke-by-${by}`}
              />
            ))}
          </RadioGroup>
          {revokeBy !== 'all' && (
            <TextField
              size="small"
              label={t(`jobs.revokeText.${revokeBy}`)}
              value={revokeText}
              onChange={(event) => setRevokeText(event.target.value)}
              helperText={t('jobs.revokeTextHelp', { min: filterMinLength })}
              slotProps={{ htmlInput: { 'data-testid': 'bulk-revoke-text' } }}
            />
          )}
        </>
      )}
      {action === 'renewCertificates' && (
        <TextField
          size="small"
          type="number"
          label={t('jobs.withinDays')}
          value={withinDays}
          onChange={(event) => setWithinDays(event.target.value)}
          error={!daysValid}
          helperText={t('jobs.withinDaysHelp')}
          slotProps={{ htmlInput: { min: 1, max: 366, 'data-testid': 'bulk-within-days' } }}
        />
      )}
    </FormDialog>
  )
}

interface ActionOptions {
  draft: TokenDraft
  makeDefault: boolean
  revokeBy: RevokeBy
  revokeText: string
  withinDays: number
}

function actionInput(
  action: StartableBulkAction,
  { draft, makeDefault, revokeBy, revokeText, withinDays }: ActionOptions,
): BulkActionInput {
  switch (action) {
    case 'check':
    case 'login':
    case 'logout':
      return { action }
    case 'generateTokens':
      return {
        action,
        permissions: draft.permissions,
        description: draft.description,
        makeDefault,
      }
    case 'revokeTokens':
      return {
        action,
        match:
          revokeBy === 'all'
            ? { by: 'all' }
            : revokeBy === 'author'
              ? { by: 'author', author: revokeText }
              : { by: 'description', description: revokeText },
      }
    case 'renewCertificates':
      return { action, withinDays }
  }
}
