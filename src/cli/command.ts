/** One `hrsp` subcommand. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  run(argv: string[]): Promise<number>;
}
