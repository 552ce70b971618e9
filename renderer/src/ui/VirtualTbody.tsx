// The body of a virtualised table (useVirtualRows): a spacer row above and below the rows in view,
// and a placeholder row where a row's window has not arrived yet, so the scroll height is right
// before the data is. Every long list uses this one body.
import type { ReactNode } from 'react';

export interface VirtualRange {
  items: readonly { index: number }[];
  padTop: number;
  padBottom: number;
}

export function VirtualTbody<T>(props: {
  rows: VirtualRange;
  rowAt: (index: number) => T | undefined;
  /** Columns a placeholder row spans. */
  columns: number;
  rowHeight: number;
  renderRow: (row: T, index: number) => ReactNode;
}) {
  const { rows, rowAt, columns, rowHeight, renderRow } = props;
  return (
    <tbody>
      {rows.padTop > 0 && <tr className="vt-pad" style={{ height: rows.padTop }} aria-hidden="true" />}
      {rows.items.map(({ index }) => {
        const row = rowAt(index);
        if (row === undefined) {
          return (
            <tr key={`pending-${index}`} className="vt-pending" style={{ height: rowHeight }}>
              <td colSpan={columns}>…</td>
            </tr>
          );
        }
        return renderRow(row, index);
      })}
      {rows.padBottom > 0 && <tr className="vt-pad" style={{ height: rows.padBottom }} aria-hidden="true" />}
    </tbody>
  );
}
