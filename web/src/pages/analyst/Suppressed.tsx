import { useI18n } from '../../i18n/i18n';

/** A count that is not published: "suppressed", never 0; the reason for a hover and for tests. */
export function Suppressed({ reason }: { reason: string | null }) {
  const { t } = useI18n();
  return (
    <span
      className="suppressed"
      data-suppressed={reason ?? ''}
      title={reason === 'COMPLEMENTARY' ? t('suppressedComplementary') : t('suppressedPrimary')}
    >
      {t('suppressed')}
    </span>
  );
}

export function DisclosureNote({ threshold, roundingBase }: { threshold: number; roundingBase: number }) {
  const { t } = useI18n();
  return (
    <p className="note" data-testid="disclosure-note">
      {t('disclosureNote', { threshold, base: roundingBase })}
    </p>
  );
}
