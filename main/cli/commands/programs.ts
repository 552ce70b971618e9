// CLI commands of the programs area. Names and JSON fields are fixed by issue 5: other tools
// (reports, the results area) rely on them.
import { basename } from 'node:path';
import { flagString } from '../args.ts';
import { CliError, fyFlag, invoke, outPaged, readFileArg, type Command } from '../command.ts';
import { writeFileAtomic } from '../../files/write.ts';

function programFlag(args: Parameters<Command['run']>[0]): string {
  const id = flagString(args, 'program');
  if (!id) throw new CliError('--program ID を指定してください。 / Give --program ID.');
  return id;
}

function outFlag(args: Parameters<Command['run']>[0]): string {
  const file = flagString(args, 'out');
  if (!file) throw new CliError('--out FILE.xlsx を指定してください。 / Give --out FILE.xlsx.');
  return file;
}

export const programsCommands: Record<string, Command> = {
  'list programs': {
    usage: 'list programs --json [--fy N]',
    summary: '実施プログラム（採択済み）の一覧を JSON で出力 / print adopted programs as JSON',
    needsDb: true,
    run: async (args, rt) => {
      const fy = fyFlag(args);
      await outPaged(rt, 'programs/list', { fiscalYear: fy ?? 'all' }, (p: Record<string, unknown>) => ({
          id: p.id,
          applicationNo: p.applicationNo,
          fiscalYear: p.fiscalYear,
          course: p.course,
          title: p.title,
          hostInstitution: p.hostInstitution,
          arrival: p.arrival,
          departure: p.departure,
          invitees: p.invitees,
          escorts: p.escorts,
          violations: p.violations,
          warnings: p.warnings,
        }));
    },
  },
  'import participants': {
    usage: 'import participants --program ID FILE',
    summary: '参加者名簿（.xlsx / .csv）の取り込み（全件か無か、名簿を置き換え） / import a roster, all or nothing',
    needsDb: true,
    run: async (args, rt) => {
      const id = programFlag(args);
      const { path, bytes } = readFileArg(args, 2, '.xlsx / .csv');
      const r = await invoke(rt, 'programs/importParticipants', { id, fileName: basename(path), dataBase64: bytes.toString('base64') });
      const v: string[] = r.detail.program.violations;
      process.stdout.write(
        `取り込みました: ${r.added} 人（招へい者 ${r.detail.program.invitees} 人、引率者 ${r.detail.program.escorts} 人） / Imported ${r.added} participants` +
          `${v.length ? `\n要確認 / flagged: ${v.join(', ')}` : ''}\n`,
      );
    },
  },
  'export roster': {
    usage: 'export roster --program ID --out FILE.xlsx',
    summary: '参加者名簿を .xlsx（--out が .csv なら BOM 付き UTF-8 CSV）で書き出す / write the roster',
    needsDb: true,
    run: async (args, rt) => {
      const id = programFlag(args);
      const file = outFlag(args);
      const format = file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
      const r = await invoke(rt, 'programs/exportRoster', { id, format });
      await writeFileAtomic(file, Buffer.from(r.dataBase64, 'base64'));
      process.stdout.write(`${file}\n`);
    },
  },
  'export itinerary': {
    usage: 'export itinerary --program ID --out FILE.xlsx',
    summary: '日程表を .xlsx で書き出す / write the itinerary',
    needsDb: true,
    run: async (args, rt) => {
      const id = programFlag(args);
      const file = outFlag(args);
      const r = await invoke(rt, 'programs/exportItinerary', { id });
      await writeFileAtomic(file, Buffer.from(r.dataBase64, 'base64'));
      process.stdout.write(`${file}\n`);
    },
  },
};
