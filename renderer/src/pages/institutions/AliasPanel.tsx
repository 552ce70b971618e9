// The other names of one institution (Japanese, English, abbreviations, names of entries merged
// into it). Conflict checks, duplicate detection, import and search all match through these, so
// staff add 東大 once and every screen recognises it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AliasKind, InstitutionAlias } from '../../../../shared/api/institution-aliases.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';
import { Pager } from '../../ui/Pager.tsx';

type Kind = Exclude<z.infer<typeof AliasKind>, 'merged'>;
type Alias = z.infer<typeof InstitutionAlias>;
const KINDS: Kind[] = ['abbr', 'ja', 'en'];
/** Aliases listed at once; an institution that absorbed many merges pages through the rest. */
const ALIAS_PAGE = 50;

export function AliasPanel({ institutionId }: { institutionId: string }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const aliases = useApi('institutions/aliases', { institutionId, limit: ALIAS_PAGE, offset });
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('abbr');
  const [error, setError] = useState<unknown>(null);
  const [removed, setRemoved] = useState<Alias | null>(null);

  const add = async (n: string, k: Kind) => {
    setError(null);
    try {
      await call('institutions/addAlias', { institutionId, name: n, kind: k });
      setName('');
    } catch (e) {
      setError(e);
    }
  };
  const remove = async (a: Alias) => {
    setError(null);
    try {
      await call('institutions/removeAlias', { id: a.id });
      // Undo instead of a confirmation: an alias is re-added as it was with one click.
      setRemoved(a);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="inst-aliases" data-testid="inst-aliases">
      <h3>{t('aliases.title')}</h3>
      <p className="muted">{t('aliases.intro')}</p>
      {aliases.error && <ErrorBox error={aliases.error} />}
      <ul className="alias-list">
        {(aliases.data?.items ?? []).map((a) => (
          <li key={a.id} data-testid="alias-row">
            <span className="alias-name">{a.name}</span> <span className="badge">{t(`aliases.kind.${a.kind}`)}</span>{' '}
            {a.kind !== 'merged' && (
              <button type="button" className="link" onClick={() => void remove(a)} aria-label={t('aliases.removeLabel', { name: a.name })}>
                {t('aliases.remove')}
              </button>
            )}
          </li>
        ))}
        {aliases.data?.total === 0 && <li className="muted">{t('aliases.none')}</li>}
      </ul>
      {aliases.data && <Pager offset={offset} size={ALIAS_PAGE} total={aliases.data.total} onOffset={setOffset} testId="alias-pager" />}
      {removed && (
        <p className="notice" role="status" data-testid="alias-removed">
          {t('aliases.removed', { name: removed.name })}{' '}
          <button
            type="button"
            onClick={() => {
              const r = removed;
              setRemoved(null);
              if (r.kind !== 'merged') void add(r.name, r.kind);
            }}
          >
            {t('aliases.undo')}
          </button>
        </p>
      )}
      <form
        className="alias-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void add(name.trim(), kind);
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('aliases.placeholder')} aria-label={t('aliases.nameLabel')} data-testid="alias-name" maxLength={200} />
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} aria-label={t('aliases.kindLabel')} data-testid="alias-kind">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`aliases.kind.${k}`)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!name.trim()} data-testid="alias-add">
          {t('aliases.add')}
        </button>
      </form>
      {error !== null && <ErrorBox error={error} />}
    </section>
  );
}
