import Chip from '@mui/material/Chip'
import { useTranslation } from 'react-i18next'
import type { Environment } from '../../../../shared/domain/environment'

const colors = { Test: 'default', Demo: 'warning', Production: 'error' } as const
// One object for every chip: emotion serialises it once, not per row of a long list.
const chipSx = { fontWeight: 700, letterSpacing: 0.5 } as const

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
    <EnvironmentChipView
      environment={environment}
      label={t(`environment.short.${environment}`)}
      size={size}
    />
  )
}

/** The chip with its label given: a long list translates once for all its rows. */
export function EnvironmentChipView({
  environment,
  label,
  size = 'small',
}: {
  environment: Environment
  label: string
  size?: 'small' | 'medium'
}) {
  return (
    <Chip
      label={label}
      color={colors[environment]}
      variant={environment === 'Production' ? 'filled' : 'outlined'}
      size={size}
      sx={chipSx}
      data-environment={environment}
    />
  )
}
