import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { AppErrorPayload } from '../../../shared/ipc/errors'
import { explainKsefCode, type KsefCodeKind } from '../../../shared/ksef/codes'
import { errorText } from '../errors'
import { useApp } from '../store/app'

/**
 * An error in plain words; when KSeF gave a code, also what that code means, what to do, the
 * details KSeF added and the identifier MF support asks for.
 */
export function ErrorAlert({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const parsed = AppErrorPayload.safeParse(error)
  const details = parsed.success ? (parsed.data.details ?? {}) : {}
  const kind = details['ksefCodeKind'] as KsefCodeKind | null | undefined
  const code = details['ksefCode'] as number | string | null | undefined
  const explanation =
    kind && code !== null && code !== undefined ? explainKsefCode(kind, code)[language] : undefined
  const ksefDetails = Array.isArray(details['ksefDetails'])
    ? (details['ksefDetails'] as string[])
    : []
  const support = (details['serviceCode'] ?? details['traceId']) as string | null | undefined

  return (
    <Alert severity="error" data-testid={testId}>
      <AlertTitle data-testid={testId && `${testId}-title`}>{errorText(t, error)}</AlertTitle>
      {explanation && (
        <>
          <Typography
            variant="body2"
            sx={{ fontWeight: 600 }}
            data-testid={testId && `${testId}-ksef`}
          >
            {t('ksef.code', { code })}: {explanation.title}
          </Typography>
          <Typography variant="body2">{explanation.explanation}</Typography>
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            <strong>{t('ksef.fix')}:</strong> {explanation.fix}
          </Typography>
        </>
      )}
      {ksefDetails.length > 0 && (
        <Typography variant="body2" sx={{ mt: 0.5 }} data-testid={testId && `${testId}-ksef-words`}>
          {t('ksef.details')}:{' '}
          <span lang="pl">{ksefDetails.map((text) => t('ksef.quoted', { text })).join('; ')}</span>
        </Typography>
      )}
      {support && (
        <Typography variant="caption" component="div" sx={{ mt: 0.5 }}>
          {t('ksef.supportId')}: {support}
        </Typography>
      )}
    </Alert>
  )
}
