import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/api/index.ts';
import type { Lang } from '../../../../shared/errors.ts';
import { defaultRuleValues } from '../../../../shared/rules/ruleset.ts';
import type { Loaded } from '../../useApi.ts';
import { ApiErrorNotice } from './ApiErrorNotice.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { diffValues, formatValue, pathLabel } from './ruleForm.ts';
import { formatDateTime } from './format.ts';

/** Versions shown at once (each with its list of changes). */
export const HISTORY_PAGE = 20;

/**
 * The saved versions of the year's rule set, newest first, each with what it changed, a page at a
 * time. `loaded` holds one entry more than the page: the version the page's oldest one changed.
 */
export function RuleHistory({
  fiscalYear,
  loaded,
  offset,
  onOffset,
}: {
  fiscalYear: number;
  loaded: Loaded<CallOutput<'rulesets/history'>>;
  offset: number;
  onOffset: (offset: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  if (loaded.error) return <ApiErrorNotice error={loaded.error} />;
  if (!loaded.data) return <p className="muted">{t('loading')}</p>;
  const entries = loaded.data.items;
  if (loaded.data.total === 0)
    return (
      <p className="muted" data-testid="rule-history-empty">
        {t('settings.history.empty')}
      </p>
    );
  const sorted = [...entries].sort((a, b) => b.version - a.version);
  const shown = sorted.slice(0, HISTORY_PAGE);
  return (
    <>
    <table className="grid history-table" data-testid="rule-history">
      <thead>
        <tr>
          <th>{t('settings.history.version')}</th>
          <th>{t('settings.history.when')}</th>
          <th>{t('settings.history.who')}</th>
          <th>{t('settings.history.note')}</th>
          <th>{t('settings.history.changes')}</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((entry, i) => {
          const previous = sorted[i + 1];
          const before = previous && previous.version === entry.version - 1 ? previous.values : entry.version === 1 ? defaultRuleValues(fiscalYear) : previous?.values;
          const changes = before ? diffValues(before, entry.values) : [];
          return (
            <tr key={entry.version} data-testid={`rule-history-v${entry.version}`}>
              <td className="nowrap">
                <strong>v{entry.version}</strong>
              </td>
              <td className="nowrap">{formatDateTime(entry.changedAt, lang)}</td>
              <td className="nowrap">{entry.changedBy}</td>
              <td className="note-cell">{entry.note?.trim() ? entry.note : <span className="muted">{t('settings.history.noNote')}</span>}</td>
              <td>
                {entry.version === 1 && <div className="muted small">{t('settings.history.fromDefault')}</div>}
                {changes.length === 0 ? (
                  <span className="muted">{t('settings.history.noChanges')}</span>
                ) : (
                  <ul className="diff-list">
                    {changes.map((c) => (
                      <li key={c.path}>
                        <span className="diff-field">{pathLabel(c.path, t, lang)}</span>: <del>{formatValue(c.path, c.from, t)}</del> →{' '}
                        <ins>{formatValue(c.path, c.to, t)}</ins>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
    <Pager offset={offset} size={HISTORY_PAGE} total={loaded.data.total} onOffset={onOffset} testId="rule-history-pager" />
    </>
  );
}
