import { Migration } from '@mikro-orm/migrations';

export class Migration20261122004408ChainTxSchedule extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "chain_txs_chain_status_index";`);

    this.addSql(`alter table "chain_txs" add column "next_attempt_at" timestamptz not null default now();`);
    this.addSql(`create index "chain_txs_chain_status_next_attempt_at_index" on "chain_txs" ("chain", "status", "next_attempt_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "chain_txs_chain_status_next_attempt_at_index";`);
    this.addSql(`alter table "chain_txs" drop column "next_attempt_at";`);

    this.addSql(`create index "chain_txs_chain_status_index" on "chain_txs" ("chain", "status");`);
  }

}
