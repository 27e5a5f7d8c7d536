import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PaperpostError } from '../../domain/index.js';
import { checkMessage, formatCheckReport } from '../../render/index.js';

/** `paperpost check <file.eml> [--json]`: deliverability self-check; exit code 1 on an error-level failure. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check a message (.eml) for size, text part, list headers, links and a spam estimate')
    .argument('<file>', 'the .eml file')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      let eml: Buffer;
      try {
        eml = readFileSync(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'error';
        throw new PaperpostError('cli', 'bad-input', `${file}: cannot read (${code})`, { cause: err });
      }
      const report = await checkMessage(eml);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatCheckReport(report));
      if (!report.ok) process.exitCode = 1;
    });
}
