import { main } from './commands/augment.ts';
import { runCli } from './run-cli.ts';

runCli(async () => void (process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() })));
