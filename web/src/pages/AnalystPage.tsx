import { useI18n } from '../i18n/i18n';

/** Issue 21 builds the population measures; this page holds their place. */
export function AnalystPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('analyticsTitle')}</h1>
      <p>{t('analyticsBody')}</p>
    </>
  );
}
