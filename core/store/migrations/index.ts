import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122001353Initial } from './migration-20261122001353-initial.ts';
import { Migration20261122004050KeyUsage } from './migration-20261122004050-key-usage.ts';
import { Migration20261122004408ChainTxSchedule } from './migration-20261122004408-chain-tx-schedule.ts';
import { Migration20261202012000PublicationsPartialTxIndex } from './migration-20261202012000-publications-partial-tx-index.ts';
import { Migration20261204042714TransparencyLog } from './migration-20261204042714-transparency-log.ts';
import { Migration20261207222916ChainNeutralFunding } from './migration-20261207222916-chain-neutral-funding.ts';
import { Migration20261208011102LogAnchors } from './migration-20261208011102-log-anchors.ts';

/** Migrations in order. Generated with `npm run migration:create -- <name>`, then listed here. */
export const migrationsList: MigrationObject[] = [
  { name: 'migration-20261122001353-initial', class: Migration20261122001353Initial },
  { name: 'migration-20261122004050-key-usage', class: Migration20261122004050KeyUsage },
  { name: 'migration-20261122004408-chain-tx-schedule', class: Migration20261122004408ChainTxSchedule },
  { name: 'migration-20261202012000-publications-partial-tx-index', class: Migration20261202012000PublicationsPartialTxIndex },
  { name: 'migration-20261204042714-transparency-log', class: Migration20261204042714TransparencyLog },
  { name: 'migration-20261207222916-chain-neutral-funding', class: Migration20261207222916ChainNeutralFunding },
  { name: 'migration-20261208011102-log-anchors', class: Migration20261208011102LogAnchors },
];
