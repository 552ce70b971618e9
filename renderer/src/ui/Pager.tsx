// Previous / next through a paged call whose rows are not a uniform table (groups of duplicates,
// history entries with their changes): the page holds one page of rows, whatever the total.
import { useTranslation } from 'react-i18next';

export function Pager({ offset, size, total, onOffset, testId }: { offset: number; size: number; total: number; onOffset: (offset: number) => void; testId: string }) {
  const { t } = useTranslation();
  if (total <= size && offset === 0) return null;
  const to = Math.min(offset + size, total);
  return (
    <nav className="toolbar pager" aria-label={t('pager.label')} data-testid={testId}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - size))} data-testid={`${testId}-prev`}>
        {t('pager.prev')}
      </button>
      <span className="muted" data-testid={`${testId}-range`}>
        {t('pager.range', { from: total ? offset + 1 : 0, to, total })}
      </span>
      <button type="button" disabled={to >= total} onClick={() => onOffset(offset + size)} data-testid={`${testId}-next`}>
        {t('pager.next')}
      </button>
    </nav>
  );
}

/** "Showing 100 of 250.": a list cut at its page bound says so. */
export function ShownOf({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation();
  if (total <= shown) return null;
  return (
    <p className="muted" data-testid="shown-of">
      {t('pager.shownOf', { shown, total })}
    </p>
  );
}
