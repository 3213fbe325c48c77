import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Crossover } from '../../analyticsOperations';
import { BarChart } from '../../components/charts';
import { Status } from '../../components/Status';
import type { AnalyticsDimension, Agency } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { PeriodFields, type Period } from './AnalystPage';
import {
  AGENCY_LIST,
  combinationLabel,
  DIMENSIONS,
  groupLabel,
  numberFormats,
  type Dimension,
} from './labels';
import { DisclosureNote, Suppressed } from './Suppressed';

interface Settings {
  period: Period;
  systems: Agency[];
  by: Dimension | '';
}
type Cell = { group: Array<string | null>; children: number | null; suppressed: string | null };

const key = (combo: string | null, group: string | null) => `${combo ?? '*'}|${group ?? '*'}`;

/** Children by the combination of systems that knew them in the period (and by one dimension). */
export function CrossoverView({ period, onPeriod }: { period: Period; onPeriod(p: Period): void }) {
  const { t, lang } = useI18n();
  const fmt = numberFormats(lang);
  const [draft, setDraft] = useState<Settings>({ period, systems: [...AGENCY_LIST], by: '' });
  const [applied, setApplied] = useState<Settings>(draft);
  const [chartGroup, setChartGroup] = useState<string>('');
  const tooFew = draft.systems.length < 2;
  const [{ data, fetching, error }] = useQuery({
    query: Crossover,
    variables: {
      period: applied.period,
      systems: applied.systems,
      by: applied.by ? [applied.by as AnalyticsDimension] : [],
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (tooFew) return;
    setApplied(draft);
    setChartGroup('');
    onPeriod(draft.period);
  };
  const toggle = (a: Agency) =>
    setDraft({
      ...draft,
      systems: draft.systems.includes(a) ? draft.systems.filter((s) => s !== a) : [...draft.systems, a],
    });

  const table = data?.crossover;
  const cells = new Map<string, Cell>(
    (table?.cells ?? []).map((c) => [key(c.group[0] ?? null, c.group[1] ?? null), c]),
  );
  const combos = [...new Set((table?.cells ?? []).map((c) => c.group[0]).filter((g): g is string => !!g))];
  const groups = [...new Set((table?.cells ?? []).map((c) => c.group[1]).filter((g): g is string => !!g))];
  const show = (c: Cell | undefined) =>
    !c ? t('none') : c.children !== null ? fmt.int(c.children) : <Suppressed reason={c.suppressed} />;

  return (
    <section aria-labelledby="crossover-title">
      <h2 id="crossover-title">{t('viewCrossover')}</h2>
      <form className="analytics-form" onSubmit={submit}>
        <PeriodFields
          value={draft.period}
          onChange={(p) => setDraft({ ...draft, period: p })}
          idPrefix="cx"
        />
        <fieldset>
          <legend>{t('systemsLegend')}</legend>
          {AGENCY_LIST.map((a) => (
            <label key={a} className="check">
              <input type="checkbox" checked={draft.systems.includes(a)} onChange={() => toggle(a)} />
              {t(`agency_${a}`)}
            </label>
          ))}
          {tooFew && (
            <p className="error" role="alert">
              {t('systemsAtLeastTwo')}
            </p>
          )}
        </fieldset>
        <div>
          <label htmlFor="cx-by">{t('breakdown')}</label>
          <select
            id="cx-by"
            value={draft.by}
            onChange={(e) => setDraft({ ...draft, by: e.target.value as Dimension | '' })}
          >
            <option value="">{t('breakdownNone')}</option>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`dim_${d}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={tooFew}>
          {t('show')}
        </button>
      </form>
      <Status fetching={fetching && !data} error={error} />
      {table && (
        <>
          {groups.length > 0 && (
            <div className="chart-control">
              <label htmlFor="cx-chart-group">{t('chartShows')}</label>
              <select id="cx-chart-group" value={chartGroup} onChange={(e) => setChartGroup(e.target.value)}>
                <option value="">{t('allChildren')}</option>
                {groups.map((g) => (
                  <option key={g} value={g}>
                    {groupLabel(t, g)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <figure>
            <BarChart
              title={t('crossoverChartTitle', { from: table.period.from, to: table.period.to })}
              suppressedLabel={t('suppressed')}
              format={fmt.int}
              rows={combos.map((c) => ({
                key: c,
                label: combinationLabel(t, c),
                value: cells.get(key(c, chartGroup || null))?.children ?? null,
              }))}
            />
            <figcaption className="muted">
              {t('crossoverChartTitle', { from: table.period.from, to: table.period.to })}
              {chartGroup && ` · ${groupLabel(t, chartGroup)}`}
            </figcaption>
          </figure>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('crossoverTable')}>
            <table className="crossover">
              <caption>{t('crossoverTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('combination')}</th>
                  {groups.map((g) => (
                    <th scope="col" key={g} className="num">
                      {groupLabel(t, g)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {groups.length ? t('allChildren') : t('children')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...combos, null].map((c) => (
                  <tr key={c ?? 'total'} className={c ? undefined : 'total'}>
                    <th scope="row">{c ? combinationLabel(t, c) : t('total')}</th>
                    {groups.map((g) => (
                      <td key={g} className="num">
                        {show(cells.get(key(c, g)))}
                      </td>
                    ))}
                    <td className="num">{show(cells.get(key(c, null)))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <DisclosureNote {...table.disclosure} />
        </>
      )}
    </section>
  );
}
