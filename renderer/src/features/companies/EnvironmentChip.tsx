import Chip from '@mui/material/Chip'
import { useTranslation } from 'react-i18next'
import type { Environment } from '../../../../shared/domain/environment'

const colors = { Test: 'default', Demo: 'warning', Production: 'error' } as const

/** Production is loud on purpose: a click there changes a company's real KSeF data. */
export function EnvironmentChip({
  environment,
  size = 'small',
}: {
  environment: Environment
  size?: 'small' | 'medium'
}) {
  const { t } = useTranslation()
  return (
    <Chip
      label={t(`environment.short.${environment}`)}
      color={colors[environment]}
      variant={environment === 'Production' ? 'filled' : 'outlined'}
      size={size}
      sx={{ fontWeight: 700, letterSpacing: 0.5 }}
      data-environment={environment}
    />
  )
}
