import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import { useTranslation } from 'react-i18next'
import { Language } from '../../../../shared/domain/preferences'
import { useApp } from '../../store/app'

export function LanguageSwitch() {
  const { t } = useTranslation()
  const { language, setLanguage } = useApp()
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={language}
      aria-label={t('app.language')}
      onChange={(_event, value: unknown) => {
        const parsed = Language.safeParse(value)
        if (parsed.success) void setLanguage(parsed.data)
      }}
      sx={{
        '& .MuiToggleButton-root': {
          color: 'primary.contrastText',
          borderColor: 'rgba(255,255,255,0.5)',
          px: 1.5,
          py: 0.25,
          fontWeight: 700,
        },
        '& .MuiToggleButton-root.Mui-selected, & .MuiToggleButton-root.Mui-selected:hover': {
          color: 'primary.main',
          bgcolor: 'primary.contrastText',
        },
      }}
    >
      {Language.options.map((option) => (
        <ToggleButton key={option} value={option} data-testid={`language-${option}`}>
          {option.toUpperCase()}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  )
}
