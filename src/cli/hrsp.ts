import type { CliCommand } from './command.js';
import { auditCommand } from './commands/audit.js';
import { backupCommand, restoreCommand } from './commands/backup.js';
import { rotateKeyCommand } from './commands/keys.js';
import { remindCommand } from './commands/remind.js';
import { verifyResultsCommand } from './commands/results.js';
import { rulesCommands } from './commands/rules.js';
import { createAdminCommand, migrateCommand, serveCommand } from './commands/server.js';

const commands: CliCommand[] = [serveCommand, migrateCommand, createAdminCommand, backupCommand, restoreCommand, remindCommand, auditCommand, rotateKeyCommand, verifyResultsCommand, ...rulesCommands];

function usage(): string {
  return ['用法：npm run hrsp -- <命令> [参数]', '', ...commands.map((c) => `  ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(usage());
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
