import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'
import { BarChart } from '@mui/x-charts/BarChart'
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ExpiryMonth } from '../../../../shared/domain/dashboard'
import type { Language } from '../../../../shared/domain/preferences'

const locales: Record<Language, string> = { pl: 'pl-PL', en: 'en-GB' }

/** "gru 2026" from "2026-12", in the user's language. */
function monthLabel(month: string, language: Language): string {
  const [year = 0, number = 1] = month.split('-').map(Number)
  return new Intl.DateTimeFormat(locales[language], {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(year, number - 1, 15))
}

/** Credentials that log the companies in, ending per month over the next 12 months. */
// Memoized: a keystroke of the search leaves the chart as it is.
export const ExpiryChart = memo(function ExpiryChart({
  months,
  language,
}: {
  months: ExpiryMonth[]
  language: Language
}) {
  const { t } = useTranslation()
  const labels = months.map((month) => monthLabel(month.month, language))
  return (
    <Box
      data-testid="expiry-chart"
      data-months={JSON.stringify(months)}
      sx={{
        minWidth: 0,
        // The chart's own keyboard focus (arrows move between the bars) draws no outline.
        '& [tabindex="0"]:focus-visible': {
          outline: (theme) => `2px solid ${theme.palette.primary.main} !important`,
        },
      }}
    >
      <Typography variant="subtitle2" component="h2" id="expiry-chart-title">
        {t('dashboard.chartTitle')}
      </Typography>
      <BarChart
        height={200}
        aria-labelledby="expiry-chart-title"
        xAxis={[{ scaleType: 'band', data: labels }]}
        yAxis={[{ tickMinStep: 1, width: 40 }]}
        series={[{ data: months.map((month) => month.count), label: t('dashboard.chartSeries') }]}
        hideLegend
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      />
    </Box>
  )
})
