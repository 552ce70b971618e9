// The whole surface the page gets from Electron: `window.sakura` with `invoke` and `on`, typed as
// the same Bridge the web transport implements. Nothing else crosses: no ipcRenderer, no event
// objects (they carry `sender`), no generic send. Sandboxed preloads may only require
// 'electron', so this file is bundled into one CommonJS file whose only import is 'electron'
// (the channel constants are inlined by esbuild; the rest are type-only imports).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL, type Bridge } from '../../shared/api/bridge.ts';
import type { ErrorValue, Lang, Messages, Result } from '../../shared/errors.ts';

// The preload runs in the page's renderer, but this folder is type-checked with Node's libs only;
// declaring the one DOM property used keeps DOM types out of every other main/ file.
declare const document: { documentElement: { lang: string } };

function pageLang(): Lang {
  // The renderer keeps <html lang> in step with the language switch (renderer/src/i18n).
  return document.documentElement.lang === 'en' ? 'en' : 'ja';
}

function failure(code: ErrorValue['code'], messages: Messages): Result<never> {
  return { ok: false, error: { code, message: messages[pageLang()], details: { messages } } };
}

const bridge: Bridge = {
  invoke(name, input) {
    if (typeof name !== 'string' || name.length === 0 || name.length > 200) {
      return Promise.resolve(
        failure('UNKNOWN_CALL', { ja: '呼び出し名が正しくありません。', en: 'The call name is not valid.' }),
      );
    }
    // Main never throws from its handlers, so a rejection here means the call never ran: no
    // handler for that name, or an input that cannot be copied across (a function, a DOM node).
    return ipcRenderer.invoke(`${IPC_CALL_PREFIX}${name}`, { input, lang: pageLang() }).catch(() =>
      failure('UNKNOWN_CALL', {
        ja: `呼び出し「${name}」を実行できませんでした（未登録の名前か、送れない入力）。`,
        en: `The call "${name}" could not be made (unknown name, or input that cannot be sent).`,
      }),
    );
  },
  on(event, cb) {
    if (typeof event !== 'string' || typeof cb !== 'function') return () => undefined;
    const listener = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) (cb as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('sakura', bridge);
