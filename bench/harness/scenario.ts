import type { Intrinsic } from './intrinsic.ts';
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
  /** What the targets stated as ratios (issue 22) need from earlier in the same run; scenarios fill it in as they go. */
  sameRun: SameRun;
}

/**
 * The limits measured in this run. Scenarios run in the order of SCENARIOS, so that publish-unary
 * (E) and publish-batch (target 1's CPU per intent) come before the end-to-end runs that use them.
 */
export interface SameRun {
  /** I, measured before the scenarios when one of them needs it. */
  intrinsic: Intrinsic | undefined;
  /** E by calls in flight: node CPU µs per Health/Check call on the native gRPC port (publish-unary). */
  emptyCallUs: Map<number, number>;
  /** Target 1's CPU per intent (node + PostgreSQL, µs) by batch size (publish-batch). */
  batchCpuPerIntentUs: Map<number, number>;
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
  /** One row per target for the summary at the top: what, measured, ratio (e.g. "5.4 I", or "—"), verdict (MET / NOT MET / report). */
  summary: [string, string, string, string][];
  /**
   * For `--merge`: prefixes of what earlier versions of this scenario wrote (section headings, summary
   * rows' first cells, load rows' labels), removed before the new ones go in, so that a renamed
   * target or a different duration does not leave its old row behind.
   */
  replaces?: { titles: string[]; summary: string[]; loads: string[] };
  /** For `--merge` into a report without this section: it goes first, after the Summary, and its summary rows at the top. */
  first?: boolean;
}

export type Scenario = (ctx: ScenarioContext) => Promise<ScenarioReport>;
