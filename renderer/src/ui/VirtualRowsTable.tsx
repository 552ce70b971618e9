// A table of rows the page already holds (a year's ranking, a budget simulation) drawn as a
// virtualised body in its own scrolling box: hundreds of rows cost a screenful of elements.
import { useRef, type ReactNode } from 'react';
import { useVirtualRows } from './paged.ts';
import { VirtualTbody } from './VirtualTbody.tsx';

export function VirtualRowsTable<T>(props: {
  rows: readonly T[];
  rowHeight: number;
  /** The header row(s), inside <thead>. */
  head: ReactNode;
  columns: number;
  renderRow: (row: T, index: number) => ReactNode;
  className?: string;
  caption?: ReactNode;
  testId?: string;
}) {
  const { rows, rowHeight, head, columns, renderRow, className, caption, testId } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const range = useVirtualRows(rows.length, scrollRef, rowHeight);
  return (
    <div className="vt-scroll vt-inline" ref={scrollRef} data-testid={testId ? `${testId}-scroll` : undefined}>
      <table className={className} data-testid={testId}>
        {caption}
        <thead>{head}</thead>
        <VirtualTbody rows={range} rowAt={(i) => rows[i]} columns={columns} rowHeight={rowHeight} renderRow={renderRow} />
      </table>
    </div>
  );
}
