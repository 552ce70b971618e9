import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal <dialog>: focus stays inside, Esc closes (through onClose, so the caller decides), and
 * the page behind cannot be clicked by accident.
 */
export function Modal({
  title,
  onClose,
  children,
  wide,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    d.addEventListener('cancel', onCancel);
    return () => {
      d.removeEventListener('cancel', onCancel);
      if (d.open) d.close();
    };
  }, []);
  return (
    <dialog ref={ref} className={`apps-modal${wide ? ' wide' : ''}`} aria-labelledby="apps-modal-title" data-testid={testId}>
      <h2 id="apps-modal-title">{title}</h2>
      {children}
    </dialog>
  );
}
