// Pieces the programs and participants screens share: the program header, findings lists and
// downloading a file the API returned.
import { useTranslation } from 'react-i18next';
import type { ProgramSummary } from '../../../../shared/api/programs.ts';
import type { Finding } from '../../../../shared/rules/types.ts';
import { formatDate, uiLang } from '../../ui/format.ts';

/** A file from the API ({fileName, dataBase64}) handed to the browser's download. */
export function downloadFile(f: { fileName: string; dataBase64: string }, mime: string): void {
  const bin = atob(f.dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = f.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later, not at once: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const s = String(r.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

export function ProgramHeading({ program, what, tab }: { program: ProgramSummary; what: string; tab: 'itinerary' | 'participants' }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  return (
    <header className="prg-heading">
      <div className="prg-crumbs">
        <a href="#/programs">{t('prog.list.title')}</a> › <span>{program.applicationNo}</span> › <span>{what}</span>
      </div>
      <h1 data-testid="program-title">{program.title}</h1>
      <div className="prg-meta">
        <span>{program.hostInstitution}</span>
        <span>
          {t('prog.course')}: {t(`prog.courseName.${program.course}`)}
        </span>
        <span>
          {formatDate(program.arrival, lang)} – {formatDate(program.departure, lang)}
        </span>
        <span>{t('prog.fy', { fy: program.fiscalYear })}</span>
      </div>
      <nav className="prg-tabs">
        <a href={`#/programs/${encodeURIComponent(program.id)}`} data-testid="tab-itinerary" className={tab === 'itinerary' ? 'active' : undefined}>
          {t('prog.tabs.itinerary')}
        </a>
        <a href={`#/participants/${encodeURIComponent(program.id)}`} data-testid="tab-participants" className={tab === 'participants' ? 'active' : undefined}>
          {t('prog.tabs.participants')}
        </a>
        <a href={`#/programs/${encodeURIComponent(program.id)}/print/itinerary`}>{t('prog.tabs.printItinerary')}</a>
        <a href={`#/programs/${encodeURIComponent(program.id)}/print/roster`}>{t('prog.tabs.printRoster')}</a>
      </nav>
    </header>
  );
}

export function Findings({ violations, warnings, testId }: { violations: Finding[]; warnings: Finding[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  if (violations.length === 0 && warnings.length === 0) {
    return (
      <div className="prg-findings ok" data-testid={testId}>
        <span className="badge ok">{t('prog.checks.ok')}</span>
      </div>
    );
  }
  return (
    <div className="prg-findings" data-testid={testId}>
      <ul>
        {violations.map((f, i) => (
          <li key={`v${i}`} className="bad" data-code={f.code}>
            <span className="badge bad">{t('prog.checks.violation')}</span> {lang === 'en' ? f.messageEn : f.message}
          </li>
        ))}
        {warnings.map((f, i) => (
          <li key={`w${i}`} className="warn" data-code={f.code}>
            <span className="badge warn">{t('prog.checks.warning')}</span> {lang === 'en' ? f.messageEn : f.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Codes as compact badges for list rows. */
export function CodeBadges({ violations, warnings }: { violations: string[]; warnings: string[] }) {
  const { t } = useTranslation();
  if (violations.length === 0 && warnings.length === 0) return <span className="badge ok">{t('prog.checks.ok')}</span>;
  return (
    <span className="prg-codes">
      {violations.length > 0 && (
        <span className="badge bad" title={violations.join(', ')}>
          {t('prog.checks.violations', { count: violations.length })}
        </span>
      )}
      {warnings.length > 0 && (
        <span className="badge warn" title={warnings.join(', ')}>
          {t('prog.checks.warnings', { count: warnings.length })}
        </span>
      )}
    </span>
  );
}
