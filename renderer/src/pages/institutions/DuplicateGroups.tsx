import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Institution } from '../../../../shared/api/reference.ts';
import { countryName } from '../../../../shared/countries.ts';
import type { Lang } from '../../../../shared/errors.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';
import { Pager } from '../../ui/Pager.tsx';

/** Groups on one page: each is a small table, so a page of them is a screenful or two of rows. */
const GROUPS_PER_PAGE = 20;

/** The entry with the most programs (then the most complete record) is the natural one to keep; staff can pick another. */
function defaultKeep(group: Institution[]): string {
  const score = (i: Institution) => (i.hostedCount + i.sentCount) * 10 + (i.nameEn ? 1 : 0) + (i.country ? 1 : 0) + (i.kind !== 'other' ? 1 : 0);
  return [...group].sort((a, b) => score(b) - score(a))[0]!.id;
}

/** Groups are identified by their members, so a choice survives a reload of the list. */
function groupKey(group: Institution[]): string {
  return group
    .map((i) => i.id)
    .sort()
    .join('|');
}

export function DuplicateGroups() {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const loaded = useApi('institutions/duplicates', { limit: GROUPS_PER_PAGE, offset });
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const [keep, setKeep] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<{ group: Institution[]; keepId: string } | null>(null);
  const [merging, setMerging] = useState(false);
  const [mergeError, setMergeError] = useState<unknown>(null);
  const [result, setResult] = useState<Institution | null>(null);

  if (loaded.error) return <ErrorBox error={loaded.error} />;
  if (!loaded.data) return <p className="muted">{t('loading')}</p>;
  const { items: groups, total } = loaded.data;
  // A merge can empty the last page: step back to the one before.
  if (groups.length === 0 && offset > 0 && !loaded.loading) setOffset(Math.max(0, offset - GROUPS_PER_PAGE));

  const merge = async () => {
    if (!confirming) return;
    setMerging(true);
    setMergeError(null);
    try {
      const kept = await call('institutions/merge', {
        keepId: confirming.keepId,
        mergeIds: confirming.group.filter((i) => i.id !== confirming.keepId).map((i) => i.id),
      });
      setResult(kept);
      setConfirming(null);
      loaded.reload();
    } catch (e) {
      setMergeError(e);
    } finally {
      setMerging(false);
    }
  };

  return (
    <div data-testid="inst-duplicates">
      <p className="muted intro">{t('institutions.dup.intro')}</p>
      {result && (
        <div className="merge-result" role="status" data-testid="inst-merge-result">
          {t('institutions.dup.result', { name: result.nameJa, hosted: result.hostedCount, sent: result.sentCount })}{' '}
          <a href={`#/institutions/${encodeURIComponent(result.id)}`} data-testid="inst-merge-result-link">
            {t('institutions.dup.showPrograms')} →
          </a>
        </div>
      )}
      {groups.length === 0 ? (
        <p className="notice" data-testid="inst-dup-none">
          {t('institutions.dup.none')}
        </p>
      ) : (
        groups.map((group, n) => {
          const key = groupKey(group);
          const keepId = keep[key] && group.some((i) => i.id === keep[key]) ? keep[key] : defaultKeep(group);
          return (
            <section key={key} className="dup-group" data-testid="inst-dup-group">
              <h3>{t('institutions.dup.group', { n: offset + n + 1, size: group.length })}</h3>
              <table className="grid dup-table">
                <thead>
                  <tr>
                    <th>{t('institutions.dup.keep')}</th>
                    <th>{t('institutions.col.nameJa')}</th>
                    <th>{t('institutions.col.nameEn')}</th>
                    <th>{t('institutions.col.country')}</th>
                    <th>{t('institutions.col.kind')}</th>
                    <th className="num">{t('institutions.col.hosted')}</th>
                    <th className="num">{t('institutions.col.sent')}</th>
                  </tr>
                </thead>
                <tbody>
                  {group.map((i) => (
                    <tr key={i.id} className={i.id === keepId ? 'keep' : undefined}>
                      <td className="center">
                        <input
                          type="radio"
                          name={`keep-${key}`}
                          checked={i.id === keepId}
                          onChange={() => setKeep({ ...keep, [key]: i.id })}
                          aria-label={`${t('institutions.dup.keep')}: ${i.nameJa}`}
                          data-testid="inst-dup-keep"
                        />
                      </td>
                      <td>
                        <a href={`#/institutions/${encodeURIComponent(i.id)}`}>
                          <span className="raw-name">{i.nameJa}</span>
                        </a>
                      </td>
                      <td>{i.nameEn ?? <span className="muted">—</span>}</td>
                      <td className="nowrap">{i.country ? countryName(i.country, lang) : <span className="muted">{t('institutions.noCountry')}</span>}</td>
                      <td className="nowrap">{t(`institutions.kind.${i.kind}`)}</td>
                      <td className="num">{i.hostedCount}</td>
                      <td className="num">{i.sentCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="toolbar">
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    setMergeError(null);
                    setResult(null);
                    setConfirming({ group, keepId });
                  }}
                  data-testid="inst-dup-merge"
                >
                  {t('institutions.dup.merge')}
                </button>
              </div>
            </section>
          );
        })
      )}
      <Pager offset={offset} size={GROUPS_PER_PAGE} total={total} onOffset={setOffset} testId="inst-dup-pager" />
      {confirming && (
        <ConfirmMerge
          group={confirming.group}
          keepId={confirming.keepId}
          busy={merging}
          error={mergeError}
          onCancel={() => setConfirming(null)}
          onConfirm={() => void merge()}
        />
      )}
    </div>
  );
}

function ConfirmMerge(props: {
  group: Institution[];
  keepId: string;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const kept = props.group.find((i) => i.id === props.keepId)!;
  const merged = props.group.filter((i) => i.id !== props.keepId);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { onCancel, busy } = props;
  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel, busy]);
  const describe = (i: Institution) =>
    `${i.nameJa}${i.country ? (lang === 'ja' ? `（${countryName(i.country, lang)}）` : ` (${countryName(i.country, lang)})`) : ''} — ${t('institutions.programs.summary', { hosted: i.hostedCount, sent: i.sentCount })}`;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="merge-title" data-testid="inst-merge-dialog">
        <h2 id="merge-title">{t('institutions.dup.confirmTitle')}</h2>
        <p>{t('institutions.dup.confirmBody', { keep: kept.nameJa })}</p>
        <div className="merge-keep">
          <span className="badge ok">{t('institutions.dup.keep')}</span> {describe(kept)}
        </div>
        <ul className="merge-list">
          {merged.map((i) => (
            <li key={i.id}>{describe(i)}</li>
          ))}
        </ul>
        <ErrorBox error={props.error} />
        <div className="toolbar modal-actions">
          <button type="button" ref={cancelRef} onClick={props.onCancel} disabled={props.busy} data-testid="inst-merge-cancel">
            {t('actions.cancel')}
          </button>
          <button type="button" className="primary" onClick={props.onConfirm} disabled={props.busy} data-testid="inst-merge-confirm">
            {props.busy ? t('institutions.dup.merging') : t('institutions.dup.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
