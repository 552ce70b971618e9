// Text of "もう一度試す" on the recovery screen (renderer/src/ui/RetryStartup.tsx).
export const startup = {
  ja: {
    startupRetry: {
      button: 'もう一度試す',
      busy: '開いています…',
      help: '原因を取り除いたら（ほかのプログラムを閉じる、空き容量を作る、書き込みを許可する、サーバーの復旧を待つ）、アプリを再起動せずにもう一度開けます。',
      still: 'まだ開けません。',
    },
  },
  en: {
    startupRetry: {
      button: 'Try again',
      busy: 'Opening…',
      help: 'Once the cause is gone (the other program closed, disk space freed, writing allowed, the server back), the database can be opened again without restarting the app.',
      still: 'It still cannot be opened.',
    },
  },
};
