import { Migration } from '@mikro-orm/migrations';

/** Checkpoints anchored on chain (transparency-log.md §5): one row per (chain, checkpoint), moved through the write-ahead pipeline. */
export class Migration20261208011102LogAnchors extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "log_anchors" ("id" bigserial primary key, "chain" varchar(32) not null, "tree_size" bigint not null, "status" varchar(16) not null default 'queued', "chain_tx_id" bigint null, "locator" text null, "attempts" int not null default 0, "last_error" text null, "next_attempt_at" timestamptz not null default now(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "log_anchors_chain_tx_id_index" on "log_anchors" ("chain_tx_id");`);
    this.addSql(`alter table "log_anchors" add constraint "log_anchors_chain_tree_size_unique" unique ("chain", "tree_size");`);

    this.addSql(`alter table "log_anchors" add constraint "log_anchors_chain_tx_id_foreign" foreign key ("chain_tx_id") references "chain_txs" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "log_anchors" cascade;`);
  }

}
