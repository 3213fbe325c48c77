import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Disproportionality, ReferenceGroups } from '../../analyticsOperations';
import { IntervalChart } from '../../components/charts';
import { Status } from '../../components/Status';
import type { Agency, AnalyticsDimension, DisproportionalityQuery } from '../../gql/graphql';
import { useI18n, type Translate } from '../../i18n/i18n';
import { PeriodFields, type Period } from './AnalystPage';
import { GROUP_DIMENSIONS, groupLabel, numberFormats } from './labels';
import { DisclosureNote, Suppressed } from './Suppressed';

type Row = DisproportionalityQuery['disproportionality']['stages'][number]['rows'][number];
type Estimate = NonNullable<Row['ratePer1000']>;
const MEASURES = ['relativeRateIndex', 'disparityIndex', 'ratePer1000'] as const;
type Measure = (typeof MEASURES)[number];

interface Settings {
  period: Period;
  system: Agency;
  by: AnalyticsDimension;
  referenceGroup: string;
}

/** The first group of `by` the population has, WHITE for race/ethnicity (the usual reference). */
function defaultReference(by: string, groups: string[]): string {
  if (by === 'RACE_ETHNICITY' && groups.includes('WHITE')) return 'WHITE';
  return groups[0] ?? '';
}

function EstimateText({ e, format }: { e: Estimate | null | undefined; format(n: number): string }) {
  const { t } = useI18n();
  if (!e) return <>{t('none')}</>;
  return (
    <>
      {format(e.value)}
      {e.low !== null && e.high !== null && (
        <span className="muted">
          {' '}
          ({format(e.low)}–{format(e.high)})
        </span>
      )}
    </>
  );
}

const label = (t: Translate, g: string | null) => (g === null ? t('allGroups') : groupLabel(t, g));

/** Per stage of child welfare's or probation's process: each group's rate, relative rate index
 *  and disparity index with 95% intervals. */
export function DisproportionalityView({ period, onPeriod }: { period: Period; onPeriod(p: Period): void }) {
  const { t, lang } = useI18n();
  const fmt = numberFormats(lang);
  const [draft, setDraft] = useState<Settings>({
    period,
    system: 'CHILD_WELFARE',
    by: 'RACE_ETHNICITY',
    referenceGroup: 'WHITE',
  });
  const [applied, setApplied] = useState<Settings>(draft);
  const [measure, setMeasure] = useState<Measure>('relativeRateIndex');
  const [refs] = useQuery({ query: ReferenceGroups, variables: { by: [draft.by] } });
  const groups = (refs.data?.referencePopulation ?? []).map((c) => c.group[0]!).filter(Boolean);
  const [{ data, fetching, error }] = useQuery({
    query: Disproportionality,
    variables: { ...applied, period: applied.period },
    pause: !applied.referenceGroup,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ ...draft, referenceGroup: draft.referenceGroup || defaultReference(draft.by, groups) });
    onPeriod(draft.period);
  };
  const table = data?.disproportionality;
  const format = measure === 'ratePer1000' ? fmt.one : fmt.two;

  return (
    <section aria-labelledby="disp-title">
      <h2 id="disp-title">{t('viewDisproportionality')}</h2>
      <form className="analytics-form" onSubmit={submit}>
        <PeriodFields
          value={draft.period}
          onChange={(p) => setDraft({ ...draft, period: p })}
          idPrefix="dp"
        />
        <div>
          <label htmlFor="dp-system">{t('system')}</label>
          <select
            id="dp-system"
            value={draft.system}
            onChange={(e) => setDraft({ ...draft, system: e.target.value as Agency })}
          >
            {(['CHILD_WELFARE', 'PROBATION'] as const).map((a) => (
              <option key={a} value={a}>
                {t(`agency_${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="dp-by">{t('groupsBy')}</label>
          <select
            id="dp-by"
            value={draft.by}
            onChange={(e) =>
              setDraft({ ...draft, by: e.target.value as AnalyticsDimension, referenceGroup: '' })
            }
          >
            {GROUP_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`dim_${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="dp-reference">{t('referenceGroup')}</label>
          <select
            id="dp-reference"
            value={draft.referenceGroup || defaultReference(draft.by, groups)}
            onChange={(e) => setDraft({ ...draft, referenceGroup: e.target.value })}
          >
            {groups.map((g) => (
              <option key={g} value={g}>
                {groupLabel(t, g)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('show')}</button>
      </form>
      <Status fetching={(fetching && !data) || refs.fetching} error={error ?? refs.error} />
      {table && (
        <>
          {!table.populationSource && <p className="note">{t('noPopulation')}</p>}
          <p className="muted">{t('dispHelp')}</p>
          <div className="chart-control">
            <label htmlFor="dp-measure">{t('chartShows')}</label>
            <select id="dp-measure" value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
              {MEASURES.map((m) => (
                <option key={m} value={m}>
                  {t(m)}
                </option>
              ))}
            </select>
          </div>
          {table.stages.map((s) => (
            <section
              key={s.stage}
              className="stage"
              data-stage={s.stage}
              aria-labelledby={`stage-${s.stage}`}
            >
              <h3 id={`stage-${s.stage}`}>
                {t(`stage_${applied.system === 'PROBATION' ? 'P' : 'CW'}_${s.stage}`)}
              </h3>
              <figure>
                <IntervalChart
                  title={t('dispChartTitle', {
                    measure: t(measure),
                    stage: t(`stage_${applied.system === 'PROBATION' ? 'P' : 'CW'}_${s.stage}`),
                  })}
                  ratio={measure !== 'ratePer1000'}
                  format={format}
                  rows={s.rows.map((r) => ({
                    key: r.group ?? 'total',
                    label: label(t, r.group),
                    value: r[measure]?.value ?? null,
                    low: r[measure]?.low ?? null,
                    high: r[measure]?.high ?? null,
                    missing: r.suppressed ? t('suppressed') : t('noValue'),
                  }))}
                />
              </figure>
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`stage-${s.stage}`}>
                <table className="disproportionality">
                  <caption className="sr-only">
                    {t(`stage_${applied.system === 'PROBATION' ? 'P' : 'CW'}_${s.stage}`)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('group')}</th>
                      <th scope="col" className="num">
                        {t('children')}
                      </th>
                      <th scope="col" className="num">
                        {t('population')}
                      </th>
                      <th scope="col" className="num">
                        {t('ratePer1000')}
                      </th>
                      <th scope="col" className="num">
                        {t('relativeRateIndex')}
                      </th>
                      <th scope="col" className="num">
                        {t('disparityIndex')}
                      </th>
                      <th scope="col">{t('notes')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.rows.map((r) => (
                      <tr
                        key={r.group ?? 'total'}
                        data-group={r.group ?? ''}
                        className={r.group === null ? 'total' : undefined}
                      >
                        <th scope="row">
                          {label(t, r.group)}
                          {r.group === table.referenceGroup && (
                            <span className="badge">{t('reference')}</span>
                          )}
                        </th>
                        <td className="num">
                          {r.children !== null ? fmt.int(r.children) : <Suppressed reason={r.suppressed} />}
                        </td>
                        <td className="num">{r.population !== null ? fmt.int(r.population) : t('none')}</td>
                        <td className="num">
                          <EstimateText e={r.ratePer1000} format={fmt.one} />
                        </td>
                        <td className="num">
                          <EstimateText e={r.relativeRateIndex} format={fmt.two} />
                        </td>
                        <td className="num">
                          <EstimateText e={r.disparityIndex} format={fmt.two} />
                        </td>
                        <td>{r.notes.join(' ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
          <DisclosureNote {...table.disclosure} />
        </>
      )}
    </section>
  );
}
