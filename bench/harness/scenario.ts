import type { BenchOptions } from './options.ts';
import type { LoadSnapshot } from './machine.ts';
import type { BenchPostgres } from './postgres.ts';

export interface ScenarioContext {
  options: BenchOptions;
  postgres: BenchPostgres;
  /** Progress on stderr, so a long run shows where it is. */
  say(message: string): void;
  /** With --cpu-prof: the hot-function table of each node session, by its label. */
  profiles: Map<string, string>;
}

/** What one scenario contributes to docs/benchmarks.md. */
export interface ScenarioReport {
  title: string;
  /** The target, quoted. */
  target: string;
  /** Markdown: tables and short notes. */
  body: string;
  /** Load averages around each measured load. */
  loads: { label: string; before: LoadSnapshot; after: LoadSnapshot }[];
  /** Evidence for "Bottlenecks seen" (Markdown bullets' text). */
  findings: string[];
  /** One row per target for the summary at the top: what, measured, verdict (MET / NOT MET / report). */
  summary: [string, string, string][];
}

export type Scenario = (ctx: ScenarioContext) => Promise<ScenarioReport>;
