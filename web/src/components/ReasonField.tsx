import { useI18n } from '../i18n/i18n';

/** The reason every correction needs (kept in the history, shown to the next steward). */
export function ReasonField({
  id,
  value,
  onChange,
  missing,
}: {
  id: string;
  value: string;
  onChange(v: string): void;
  missing: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor={id}>{t('reason')}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={missing || undefined}
        aria-describedby={missing ? `${id}-missing` : undefined}
        aria-required="true"
        autoComplete="off"
      />
      {missing && (
        <p id={`${id}-missing`} className="error" role="alert">
          {t('reasonRequired')}
        </p>
      )}
    </>
  );
}
