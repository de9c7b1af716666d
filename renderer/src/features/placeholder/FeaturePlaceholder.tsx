import { useI18n } from '../../lib/i18n';

/** A feature not built yet says what it will hold, rather than showing an empty page. */
export function FeaturePlaceholder({ feature }: { feature: 'routes' | 'fleet' | 'claims' | 'devices' }) {
  const { t } = useI18n();
  return (
    <section className="placeholder">
      <h1>{t(`nav.${feature}`)}</h1>
      <span className="badge">{t('placeholder.soon')}</span>
      <p>{t(`placeholder.${feature}`)}</p>
    </section>
  );
}
