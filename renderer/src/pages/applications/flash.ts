// A one-line message carried across a hash navigation ("保存しました", "削除しました").
let message: { key: string; params?: Record<string, string> } | null = null;

export function setFlash(key: string, params?: Record<string, string>): void {
  message = params ? { key, params } : { key };
}

/** Read without clearing (StrictMode renders twice); clear with clearFlash() in an effect. */
export function peekFlash(): { key: string; params?: Record<string, string> } | null {
  return message;
}

export function clearFlash(): void {
  message = null;
}
