import { useTranslation } from 'react-i18next';

/** Areas that later releases build: said plainly, with nothing fake on screen. */
export function NotBuilt({ areaKey }: { areaKey: string }) {
  const { t } = useTranslation();
  const area = t(`nav.${areaKey}`);
  return (
    <section className="page" data-testid={`not-built-${areaKey}`}>
      <h1>{area}</h1>
      <div className="notice">
        <h2>{t('notBuilt.title')}</h2>
        <p>{t('notBuilt.body', { area })}</p>
      </div>
    </section>
  );
}
