import type { Command } from 'commander';
import { checkMessage, formatCheckReport } from '../../render/index.js';
import { readInputFile } from '../input-file.js';

/** `paperpost check <file.eml> [--json]`: deliverability self-check; exit code 1 on an error-level failure. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check a message (.eml) for size, text part, list headers, links and a spam estimate')
    .argument('<file>', 'the .eml file')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const report = await checkMessage(readInputFile(file));
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatCheckReport(report));
      if (!report.ok) process.exitCode = 1;
    });
}
