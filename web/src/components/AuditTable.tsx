import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/** An audit time as the tables show it: the date and the time to the second. */
export const when = (at: string) => at.replace('T', ' ').slice(0, 19);

/** Who acted, as every trail records it. */
export interface Actor {
  actor: string;
  actorAgency: string;
  actorRoles: readonly string[];
}

/** The cell of who acted: the token subject, then its agency and roles (and `extra`, e.g. the
 *  purpose where the table has no column for it). */
export function ActorCell({ e, extra }: { e: Actor; extra?: ReactNode }) {
  return (
    <td>
      {e.actor}
      <br />
      <span className="muted">
        {e.actorAgency} {e.actorRoles.join(', ')}
        {extra}
      </span>
    </td>
  );
}

export interface AuditEventRow extends Actor {
  id: string;
  at: string;
  purposeOfUse: string;
  childId?: string | null;
  categories: readonly string[];
  decision: string;
  rule: string;
  breakGlass: boolean;
}

/** An agency's audit events: when, who, why, the child (with `showChild`), the categories, the
 *  decision (break-glass marked) and the rule. */
export function AuditEventsTable({
  events,
  caption,
  showChild,
}: {
  events: readonly AuditEventRow[];
  caption: string;
  showChild: boolean;
}) {
  const { t } = useI18n();
  return (
    <table className="audit">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('at')}</th>
          <th scope="col">{t('viewer')}</th>
          <th scope="col">{t('purpose')}</th>
          {showChild && <th scope="col">{t('child')}</th>}
          <th scope="col">{t('categories')}</th>
          <th scope="col">{t('decision')}</th>
          <th scope="col">{t('rule')}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} data-decision={e.decision}>
            <td>{when(e.at)}</td>
            <ActorCell e={e} />
            <td>{e.purposeOfUse}</td>
            {showChild && <td className="id">{e.childId ?? t('none')}</td>}
            <td>{e.categories.join(', ') || t('none')}</td>
            <td>
              {e.decision}
              {e.breakGlass && <span className="badge warn">{t('breakGlass')}</span>}
            </td>
            <td>{e.rule}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
