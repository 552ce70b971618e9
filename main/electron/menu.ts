// The application menu in the page's language. The page sends its language (the one staff chose
// in 設定 / Settings, kept in the page) with every IPC call; main.ts rebuilds the menu when that
// language changes, so the menu follows the setting without an API call of its own.
import type { MenuItemConstructorOptions } from 'electron';
import type { Lang } from '../../shared/errors.ts';

export const MENU_TEXT = {
  ja: {
    file: 'ファイル',
    print: '印刷…',
    savePdf: 'PDF として保存…',
    quit: '終了',
    edit: '編集',
    undo: '元に戻す',
    redo: 'やり直す',
    cut: '切り取り',
    copy: 'コピー',
    paste: '貼り付け',
    selectAll: 'すべて選択',
    view: '表示',
    reload: '再読み込み',
    resetZoom: '実際のサイズ',
    zoomIn: '拡大',
    zoomOut: '縮小',
    fullscreen: '全画面表示',
    devTools: '開発者ツール',
    help: 'ヘルプ',
    about: 'Sakura Desk について',
  },
  en: {
    file: 'File',
    print: 'Print…',
    savePdf: 'Save as PDF…',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullscreen: 'Toggle Full Screen',
    devTools: 'Developer Tools',
    help: 'Help',
    about: 'About Sakura Desk',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export interface MenuActions {
  print(): void;
  savePdf(): void;
  about(): void;
}

/** The menu template for one language; `devTools` only in development (see main.ts). */
export function menuTemplate(lang: Lang, actions: MenuActions, opts: { mac: boolean; devTools: boolean }): MenuItemConstructorOptions[] {
  const t = MENU_TEXT[lang];
  const template: MenuItemConstructorOptions[] = [];
  if (opts.mac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: t.file,
      submenu: [
        { label: t.print, accelerator: 'CmdOrCtrl+P', click: () => actions.print() },
        { label: t.savePdf, accelerator: 'CmdOrCtrl+Shift+P', click: () => actions.savePdf() },
        { type: 'separator' },
        { role: 'quit', label: t.quit },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    {
      label: t.view,
      submenu: [
        { role: 'reload', label: t.reload },
        { role: 'resetZoom', label: t.resetZoom },
        { role: 'zoomIn', label: t.zoomIn },
        { role: 'zoomOut', label: t.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t.fullscreen },
        // Developer tools only in development: in a packaged app they are a way around every check.
        ...(opts.devTools ? [{ role: 'toggleDevTools', label: t.devTools } satisfies MenuItemConstructorOptions] : []),
      ],
    },
    { label: t.help, submenu: [{ label: t.about, click: () => actions.about() }] },
  );
  return template;
}
