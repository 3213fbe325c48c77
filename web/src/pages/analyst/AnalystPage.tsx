import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router';
import { CrossoverView } from './CrossoverView';
import { DisproportionalityView } from './DisproportionalityView';
import { lastCalendarYear } from './labels';

export type AnalystView = 'crossover' | 'disproportionality';
export interface Period {
  from: string;
  to: string;
}

/** The analyst's page (loaded on demand, with its chart library): population measures, counts
 *  only, under the index's disclosure control. The period is shared by both views. */
export default function AnalystPage({ view }: { view: AnalystView }) {
  const { t } = useI18n();
  const [period, setPeriod] = useState<Period>(lastCalendarYear);
  const tab = (to: string, v: AnalystView, label: string) => (
    <li>
      <Link to={to} aria-current={view === v ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );
  return (
    <>
      <h1>{t('analyticsTitle')}</h1>
      <p className="muted">{t('analyticsHelp')}</p>
      <nav aria-label={t('analyticsViews')} className="tabs">
        <ul>
          {tab('/analytics', 'crossover', t('viewCrossover'))}
          {tab('/analytics/disproportionality', 'disproportionality', t('viewDisproportionality'))}
        </ul>
      </nav>
      {view === 'crossover' ? (
        <CrossoverView period={period} onPeriod={setPeriod} />
      ) : (
        <DisproportionalityView period={period} onPeriod={setPeriod} />
      )}
    </>
  );
}

/** The period's two dates (inside a view's form). */
export function PeriodFields({
  value,
  onChange,
  idPrefix,
}: {
  value: Period;
  onChange(p: Period): void;
  idPrefix: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t('period')}</legend>
      <label htmlFor={`${idPrefix}-from`}>{t('periodFrom')}</label>
      <input
        id={`${idPrefix}-from`}
        type="date"
        required
        value={value.from}
        onChange={(e) => onChange({ ...value, from: e.target.value })}
      />
      <label htmlFor={`${idPrefix}-to`}>{t('periodTo')}</label>
      <input
        id={`${idPrefix}-to`}
        type="date"
        required
        value={value.to}
        onChange={(e) => onChange({ ...value, to: e.target.value })}
      />
    </fieldset>
  );
}
