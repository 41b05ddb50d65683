export { runCli, spawnCli, type CliOptions, type CliRun } from '../../../kit/run-cli.ts';
