// 設定 › データの保存先: this PC's file or a team server. "Test connection" logs in and reads,
// changing nothing; "save and switch" asks first, then main opens the new store and only then
// saves the choice (a server that refuses leaves the app where it was). The password is sent once
// and kept only in this form's state; main keeps it in safeStorage or a pgpass file, never shown.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../shared/api/index.ts';
import { call } from '../api/client.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { Modal } from './Modal.tsx';
import './cards.css';
import { useApi } from '../useApi.ts';

type Probe = CallOutput<'store/test'>;
type State = CallOutput<'store/get'>;

export function StoreChooser({ onSwitched }: { onSwitched?: (s: State) => void }) {
  const { t } = useTranslation();
  const state = useApi('store/get', {});
  // Kept above the form, which starts again from the new state after a switch.
  const [done, setDone] = useState<string | null>(null);
  const s = state.data;
  if (!s) return <ErrorBox error={state.error} />;
  return (
    <>
      <StoreForm key={`${s.current.kind}:${s.current.display}`} state={s} onSwitched={onSwitched} setDone={setDone} t={t} />
      {done && (
        <p className="ok-box" role="status" data-testid="store-switched">
          {t('store.switched', { where: done })}
        </p>
      )}
    </>
  );
}

function StoreForm({
  state,
  onSwitched,
  setDone,
  t,
}: {
  state: State;
  onSwitched?: (s: State) => void;
  setDone: (where: string | null) => void;
  t: ReturnType<typeof useTranslation>['t'];
}) {
  const [kind, setKind] = useState<'file' | 'server'>(state.saved.kind === 'server' || state.current.kind === 'server' ? 'server' : 'file');
  // The shown URL masks a password as ***: never offer that back as if it were the password.
  const [url, setUrl] = useState(state.saved.url ?? (state.current.kind === 'server' ? state.current.display.replace(':***@', '@') : ''));
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const [busy, setBusy] = useState<'test' | 'switch' | null>(null);
  const [probe, setProbe] = useState<Probe | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [missing, setMissing] = useState(false);

  const test = async () => {
    setProbe(null);
    setError(null);
    setDone(null);
    if (!url.trim()) return setMissing(true);
    setBusy('test');
    try {
      setProbe(await call('store/test', { url, ...(password ? { password } : {}) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const ask = () => {
    setError(null);
    setDone(null);
    if (kind === 'server' && !url.trim()) return setMissing(true);
    setConfirming(true);
  };
  const doSwitch = async () => {
    setConfirming(false);
    setBusy('switch');
    try {
      const next = await call('store/switch', kind === 'file' ? { kind: 'file' } : { kind: 'server', url, remember, ...(password ? { password } : {}) });
      setPassword('');
      setDone(next.current.server ?? next.current.display);
      onSwitched?.(next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const how = state.override === 'flag' ? t('store.overrideFlag') : state.override === 'env' ? t('store.overrideEnv') : null;

  return (
    <div className="store-chooser" data-testid="store-chooser">
      <p className="muted small">{t('store.intro')}</p>
      <p data-testid="store-current">
        <strong>{t('store.current')}:</strong> {state.current.kind === 'server' ? `${t('team.server')}${state.current.server ? `: ${state.current.server}` : ''}` : t('store.file')}{' '}
        <code className="small">{state.current.display}</code>
      </p>
      {how && (
        <p className="muted small" data-testid="store-override">
          {t('store.override', { how })}
        </p>
      )}
      <div className="choice-row store-kinds" role="radiogroup" aria-label={t('store.title')}>
        {(['file', 'server'] as const).map((k) => (
          <label key={k} className={`choice-pill${kind === k ? ' selected' : ''}`}>
            <input type="radio" name="store-kind" checked={kind === k} onChange={() => setKind(k)} data-testid={`store-kind-${k}`} />
            {t(k === 'file' ? 'store.file' : 'store.server')}
          </label>
        ))}
      </div>
      <p className="muted small">{kind === 'file' ? `${t('store.fileHelp')} ${state.defaultFile}` : t('store.serverHelp')}</p>
      {kind === 'server' && (
        <div className="store-server">
          <label className="field">
            <span>{t('store.url')}</span>
            <input
              type="text"
              value={url}
              spellCheck={false}
              autoComplete="off"
              placeholder="postgres://user@host/db?sslmode=require"
              onChange={(e) => {
                setUrl(e.target.value);
                setMissing(false);
                setProbe(null);
              }}
              data-testid="store-url"
            />
            <span className="muted small">{t('store.urlHelp')}</span>
          </label>
          <label className="field">
            <span>{t('store.password')}</span>
            <input type="password" value={password} autoComplete="current-password" onChange={(e) => setPassword(e.target.value)} data-testid="store-password" />
          </label>
          <label className="check">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} data-testid="store-remember" /> {t('store.passwordKeep')}
          </label>
          <p className="muted small">{state.passwordStorage === 'safeStorage' ? t('store.keptSafeStorage') : t('store.keptPgpass', { file: state.passwordFile ?? '~/.pgpass' })}</p>
        </div>
      )}
      {missing && (
        <p className="error-box" role="alert">
          {t('store.needUrl')}
        </p>
      )}
      <div className="store-actions">
        {kind === 'server' && (
          <button type="button" onClick={() => void test()} disabled={busy !== null} data-testid="store-test">
            {busy === 'test' ? t('store.testing') : t('store.test')}
          </button>
        )}
        <button type="button" className="primary" onClick={ask} disabled={busy !== null} data-testid="store-save">
          {busy === 'switch' ? t('store.switching') : t('store.save')}
        </button>
      </div>
      {probe && (
        <p className="ok-box" role="status" data-testid="store-test-result">
          {t('store.testOk', { server: probe.server, user: probe.user, schema: probe.schema, version: probe.schemaVersion, app: probe.appSchemaVersion })}
          {probe.schemaVersion === 0 && <> {t('store.testNew', { schema: probe.schema })}</>}
          {probe.tooNew && <> {t('store.testTooNew')}</>}
        </p>
      )}
      <div data-testid="store-error">
        <ErrorBox error={error} />
      </div>
      {confirming && (
        <Modal title={t('store.confirmTitle')} onClose={() => setConfirming(false)} testId="store-confirm">
          <p>{kind === 'file' ? t('store.confirmFile', { file: state.defaultFile }) : t('store.confirmServer', { url: url.replace(/:[^:@/]*@/, ':***@') })}</p>
          <p className="muted small">{t('store.confirmBody')}</p>
          <div className="modal-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              {t('store.cancel')}
            </button>
            <button type="button" className="primary" onClick={() => void doSwitch()} data-testid="store-confirm-yes">
              {t('store.confirm')}
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
