import type { ReactNode } from 'react';
import type { RestrictedFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';

type AgencyCode = RestrictedFieldsFragment['agency'];

/** What a Restricted value says: why, and what would grant access. Never any of the data. */
export function RestrictedNote({ r }: { r: RestrictedFieldsFragment }) {
  const { t } = useI18n();
  return (
    <dl className="restricted-note">
      <dt>{t('restrictedReason')}</dt>
      <dd>{r.reason}</dd>
      {r.howToGetAccess && (
        <>
          <dt>{t('howToGetAccess')}</dt>
          <dd>{r.howToGetAccess}</dd>
        </>
      )}
    </dl>
  );
}

interface SectionLike {
  __typename?: string;
  restricted?: RestrictedFieldsFragment[];
  notices?: string[];
}

/** One agency's section of the child: null (nothing linked), Restricted, or the section itself
 *  (with what it withheld and the notices that travel with the data, e.g. 42 CFR 2.32). */
export function SectionCard({
  agency,
  section,
  count,
  children,
}: {
  agency: AgencyCode;
  section: (SectionLike & Partial<RestrictedFieldsFragment>) | null | undefined;
  count: number;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const title = t(`agency_${agency}`);
  const id = `section-${agency}`;
  if (!section)
    return (
      <section className="card empty" aria-labelledby={id} data-agency={agency} data-state="none">
        <h3 id={id}>{title}</h3>
        <p className="muted">{t('notLinked')}</p>
      </section>
    );
  if (section.__typename === 'Restricted')
    return (
      <section className="card restricted" aria-labelledby={id} data-agency={agency} data-state="restricted">
        <h3 id={id}>
          {title} <span className="badge">{t('restrictedTitle')}</span>
        </h3>
        <RestrictedNote r={section as RestrictedFieldsFragment} />
      </section>
    );
  return (
    <section className="card" aria-labelledby={id} data-agency={agency} data-state="shown">
      <h3 id={id}>{title}</h3>
      <p className="muted">{count ? t('records', { count }) : t('sectionIdentityOnly')}</p>
      {section.notices?.map((n) => (
        <div key={n} className="notice" role="note">
          <strong>{t('part2Notice')}</strong>
          <p>{n}</p>
        </div>
      ))}
      {children}
      {section.restricted && section.restricted.length > 0 && (
        <details>
          <summary>
            {t('withheld')} ({section.restricted.length})
          </summary>
          <ul>
            {section.restricted.map((r) => (
              <li key={r.category}>
                <strong>{r.category}</strong>
                <RestrictedNote r={r} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
