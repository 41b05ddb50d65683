import { Migration } from '@mikro-orm/migrations';

/**
 * The transparency log's tables (transparency-log.md). Records name their `intent.accepted` entry
 * by index from 0 where they named an audit event by seq from 1: the events become entries
 * seq - 1 when the node next starts (core/audit/import-audit-events.ts), which also gives the
 * records their tlog-proof receipts. Written by hand: the triggers and the renumbering.
 */
export class Migration20261204042714TransparencyLog extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "log_checkpoints" ("size" bigint not null, "root_hash" bytea not null, "note" text not null, "signed_at" timestamptz not null default now(), constraint "log_checkpoints_pkey" primary key ("size"));`);

    this.addSql(`create table "log_entries" ("idx" bigint not null, "kind" varchar(64) not null, "subject" text not null, "entry" bytea not null, "leaf_hash" bytea not null, constraint "log_entries_pkey" primary key ("idx"));`);

    this.addSql(`create table "log_hashes" ("level" smallint not null, "idx" bigint not null, "hash" bytea not null, constraint "log_hashes_pkey" primary key ("level", "idx"));`);

    this.addSql(`alter table "records" rename column "receipt_json" to "receipt";`);
    this.addSql(`alter table "records" rename column "audit_seq" to "log_index";`);
    this.addSql(`update "records" set "log_index" = "log_index" - 1;`);

    // Append-only at the database level, whoever connects.
    this.addSql(`create function log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    for (const table of ['log_entries', 'log_hashes', 'log_checkpoints']) {
      this.addSql(`create trigger ${table}_no_update_delete before update or delete on "${table}" for each row execute function log_append_only();`);
      this.addSql(`create trigger ${table}_no_truncate before truncate on "${table}" for each statement execute function log_append_only();`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`update "records" set "log_index" = "log_index" + 1;`);
    this.addSql(`drop table if exists "log_checkpoints" cascade;`);

    this.addSql(`drop table if exists "log_entries" cascade;`);

    this.addSql(`drop table if exists "log_hashes" cascade;`);

    this.addSql(`alter table "records" rename column "receipt" to "receipt_json";`);
    this.addSql(`alter table "records" rename column "log_index" to "audit_seq";`);
    this.addSql(`drop function if exists log_append_only();`);
  }

}
