import type { CombinedError } from 'urql';
import { useI18n } from '../i18n/i18n';

/** Loading and error lines, announced to screen readers. */
export function Status({ fetching, error }: { fetching?: boolean; error?: CombinedError }) {
  const { t } = useI18n();
  if (error) {
    const message = error.graphQLErrors[0]?.message ?? error.networkError?.message ?? error.message;
    return (
      <p role="alert" className="error">
        {t('error', { message })}
      </p>
    );
  }
  if (fetching)
    return (
      <p role="status" className="muted">
        {t('loading')}
      </p>
    );
  return null;
}
