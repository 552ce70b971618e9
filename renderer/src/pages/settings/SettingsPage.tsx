import { useTranslation } from 'react-i18next';
import { setLanguage, type UiLang } from '../../i18n/index.ts';
import { navigate } from '../../router.ts';
import { CallsEditor } from './CallsEditor.tsx';
import { currentFiscalYear } from '../../calendar.ts';
import { RuleSetEditor } from './RuleSetEditor.tsx';
import { StoreChooser } from '../../ui/StoreChooser.tsx';
import type { ReactNode } from 'react';
import '../../ui/cards.css';
import './settings.css';

/**
 * 設定 › バックアップ and 設定 › 操作履歴 live in the backup page folder; App hands them in, because
 * a page folder never imports another (eslint.config.js).
 */
export interface SettingsScreens {
  backups: ReactNode;
  history: ReactNode;
}

/** First year offered: the program's official record starts in FY2014. */
const FIRST_FY = 2014;

/** `#/settings` shows the current 年度; `#/settings/2026` a chosen one. */
export function SettingsPage({ route, screens }: { route: string[]; screens: SettingsScreens }) {
  const { t, i18n } = useTranslation();
  const lang: UiLang = i18n.language === 'en' ? 'en' : 'ja';
  const current = currentFiscalYear();
  // 設定 › バックアップ and 設定 › 操作履歴 are their own screens under the same heading.
  const sub = route[0] === 'backups' || route[0] === 'history' ? route[0] : null;
  const tabs = (
    <nav className="settings-tabs" data-testid="settings-tabs">
      <a href="#/settings" className={sub === null ? 'active' : undefined}>
        {t('settings.title')}
      </a>
      <a href="#/settings/backups" className={sub === 'backups' ? 'active' : undefined} data-testid="settings-tab-backups">
        {t('backup.tab')}
      </a>
      <a href="#/settings/history" className={sub === 'history' ? 'active' : undefined} data-testid="settings-tab-history">
        {t('audit.tab')}
      </a>
    </nav>
  );
  if (sub) {
    return (
      <section className="page settings-page" data-testid="settings-page">
        <h1>
          {t('settings.title')} › {t(sub === 'backups' ? 'backup.title' : 'audit.title')}
        </h1>
        {tabs}
        {screens[sub === 'backups' ? 'backups' : 'history']}
      </section>
    );
  }
  const asked = Number(route[0]);
  const fiscalYear = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : current;
  const years: number[] = [];
  for (let y = Math.max(current + 2, fiscalYear); y >= Math.min(FIRST_FY, fiscalYear); y--) years.push(y);

  return (
    <section className="page settings-page" data-testid="settings-page">
      <h1>{t('settings.title')}</h1>
      {tabs}

      <div className="settings-top">
        <div className="settings-card">
          <h2 id="settings-lang">{t('settings.language.title')}</h2>
          <div className="choice-row" role="radiogroup" aria-labelledby="settings-lang">
            {(['ja', 'en'] as const).map((l) => (
              <label key={l} className={`choice-pill${lang === l ? ' selected' : ''}`}>
                <input type="radio" name="settings-lang" checked={lang === l} onChange={() => setLanguage(l)} data-testid={`settings-lang-${l}`} />
                {t(`lang.${l}`)}
              </label>
            ))}
          </div>
          <p className="muted small">{t('settings.language.help')}</p>
        </div>
        <div className="settings-card">
          <h2>
            <label htmlFor="settings-fy">{t('settings.fy.label')}</label>
          </h2>
          <select id="settings-fy" value={fiscalYear} onChange={(e) => navigate('settings', e.target.value)} data-testid="fy-select">
            {years.map((y) => (
              <option key={y} value={y}>
                {y === current ? t('settings.fy.current', { fy: y }) : t('settings.fy.option', { fy: y })}
              </option>
            ))}
          </select>
          <p className="muted small">{t('settings.fy.help')}</p>
        </div>
      </div>

      <section className="settings-section" aria-labelledby="settings-store" data-testid="settings-store">
        <h2 id="settings-store">{t('store.title')}</h2>
        <StoreChooser />
      </section>

      <section className="settings-section" aria-labelledby="settings-rules">
        <h2 id="settings-rules">{t('settings.rules.title', { fy: fiscalYear })}</h2>
        <RuleSetEditor key={fiscalYear} fiscalYear={fiscalYear} />
      </section>

      <section className="settings-section" aria-labelledby="settings-calls">
        <h2 id="settings-calls">{t('settings.calls.title', { fy: fiscalYear })}</h2>
        <CallsEditor key={fiscalYear} fiscalYear={fiscalYear} />
      </section>
    </section>
  );
}
