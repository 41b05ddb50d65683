import { Migration } from '@mikro-orm/migrations';

export class Migration20261122001353Initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_events" ("seq" bigint not null, "at" timestamptz not null, "kind" varchar(64) not null, "actor" text not null, "subject" text not null, "data_json" text not null, "prev_hash" char(64) not null, "hash" char(64) not null, constraint "audit_events_pkey" primary key ("seq"));`);
    this.addSql(`create index "audit_events_subject_index" on "audit_events" ("subject");`);

    this.addSql(`create table "chain_txs" ("id" bigserial primary key, "chain" varchar(32) not null, "network" varchar(32) not null, "txid" text not null, "raw_tx" bytea null, "status" varchar(16) not null, "record_count" int not null, "fee" numeric(40,0) not null, "attempts" int not null default 0, "last_error" text null, "block_height" bigint null, "block_hash" text null, "confirmations" int not null default 0, "proof" jsonb null, "created_at" timestamptz not null default now(), "broadcast_at" timestamptz null, "mined_at" timestamptz null, "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "chain_txs_chain_status_index" on "chain_txs" ("chain", "status");`);
    this.addSql(`alter table "chain_txs" add constraint "chain_txs_chain_txid_unique" unique ("chain", "txid");`);

    this.addSql(`create table "bsv_utxos" ("txid" char(64) not null, "vout" int not null, "satoshis" bigint not null, "locking_script" text not null, "status" varchar(16) not null default 'available', "spent_by_chain_tx_id" bigint null, "reserved_at" timestamptz null, "created_by_chain_tx_id" bigint null, "created_at" timestamptz not null default now(), constraint "bsv_utxos_pkey" primary key ("txid", "vout"));`);
    this.addSql(`create index "bsv_utxos_spent_by_chain_tx_id_index" on "bsv_utxos" ("spent_by_chain_tx_id");`);
    this.addSql(`create index bsv_utxos_available_idx on bsv_utxos (satoshis, txid, vout) where status = 'available';`);

    this.addSql(`create table "arweave_reservations" ("id" bigserial primary key, "chain_tx_id" bigint not null, "winston" numeric(40,0) not null, "status" varchar(16) not null default 'reserved', "created_at" timestamptz not null default now(), "settled_at" timestamptz null);`);
    this.addSql(`alter table "arweave_reservations" add constraint "arweave_reservations_chain_tx_id_unique" unique ("chain_tx_id");`);
    this.addSql(`create index "arweave_reservations_status_index" on "arweave_reservations" ("status");`);

    this.addSql(`create table "keys" ("id" bigserial primary key, "scheme" varchar(32) not null, "public_key" text not null, "address" text not null, "label" text not null default '', "status" varchar(16) not null default 'active', "created_at" timestamptz not null default now(), "revoked_at" timestamptz null, "revoke_reason" text null, "quota_records_per_day" int null, "quota_bytes_per_day" bigint null, "quota_requests_per_minute" int null);`);
    this.addSql(`create index "keys_address_index" on "keys" ("address");`);
    this.addSql(`alter table "keys" add constraint "keys_scheme_public_key_unique" unique ("scheme", "public_key");`);

    this.addSql(`create table "nonces" ("signer" text not null, "nonce" text not null, "record_id" char(64) not null, "created_at" timestamptz not null default now(), constraint "nonces_pkey" primary key ("signer", "nonce"));`);
    this.addSql(`create index "nonces_created_at_index" on "nonces" ("created_at");`);

    this.addSql(`create table "records" ("record_id" char(64) not null, "creator" text not null, "scheme" varchar(32) not null, "public_key" text not null, "nonce" text not null, "targets" text[] not null, "signed_at" timestamptz not null, "accepted_at" timestamptz not null default now(), "intent_json" text not null, "size_bytes" int not null, "receipt_json" text not null, "audit_seq" bigint not null, constraint "records_pkey" primary key ("record_id"));`);
    this.addSql(`create index "records_creator_accepted_at_index" on "records" ("creator", "accepted_at");`);

    this.addSql(`create table "publications" ("id" bigserial primary key, "record_id" char(64) not null, "chain" varchar(32) not null, "status" varchar(16) not null default 'queued', "chain_tx_id" bigint null, "locator" text null, "attempts" int not null default 0, "last_error" text null, "next_attempt_at" timestamptz not null default now(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "publications_chain_tx_id_index" on "publications" ("chain_tx_id");`);
    this.addSql(`create index publications_queued_idx on publications (chain, next_attempt_at, id) where status = 'queued';`);
    this.addSql(`alter table "publications" add constraint "publications_record_id_chain_unique" unique ("record_id", "chain");`);

    this.addSql(`alter table "bsv_utxos" add constraint "bsv_utxos_spent_by_chain_tx_id_foreign" foreign key ("spent_by_chain_tx_id") references "chain_txs" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "bsv_utxos" add constraint "bsv_utxos_created_by_chain_tx_id_foreign" foreign key ("created_by_chain_tx_id") references "chain_txs" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "arweave_reservations" add constraint "arweave_reservations_chain_tx_id_foreign" foreign key ("chain_tx_id") references "chain_txs" ("id") on update cascade;`);

    this.addSql(`alter table "publications" add constraint "publications_record_id_foreign" foreign key ("record_id") references "records" ("record_id") on update cascade;`);
    this.addSql(`alter table "publications" add constraint "publications_chain_tx_id_foreign" foreign key ("chain_tx_id") references "chain_txs" ("id") on update cascade on delete set null;`);

    // Written by hand: the audit log is append-only at the database level, whoever connects.
    this.addSql(`create function audit_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger audit_events_no_update_delete before update or delete on "audit_events" for each row execute function audit_events_append_only();`);
    this.addSql(`create trigger audit_events_no_truncate before truncate on "audit_events" for each statement execute function audit_events_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists audit_events_no_truncate on "audit_events";`);
    this.addSql(`drop trigger if exists audit_events_no_update_delete on "audit_events";`);
    this.addSql(`drop function if exists audit_events_append_only();`);
    this.addSql(`alter table "bsv_utxos" drop constraint "bsv_utxos_spent_by_chain_tx_id_foreign";`);

    this.addSql(`alter table "bsv_utxos" drop constraint "bsv_utxos_created_by_chain_tx_id_foreign";`);

    this.addSql(`alter table "arweave_reservations" drop constraint "arweave_reservations_chain_tx_id_foreign";`);

    this.addSql(`alter table "publications" drop constraint "publications_chain_tx_id_foreign";`);

    this.addSql(`alter table "publications" drop constraint "publications_record_id_foreign";`);

    this.addSql(`drop table if exists "audit_events" cascade;`);

    this.addSql(`drop table if exists "chain_txs" cascade;`);

    this.addSql(`drop table if exists "bsv_utxos" cascade;`);

    this.addSql(`drop table if exists "arweave_reservations" cascade;`);

    this.addSql(`drop table if exists "keys" cascade;`);

    this.addSql(`drop table if exists "nonces" cascade;`);

    this.addSql(`drop table if exists "records" cascade;`);

    this.addSql(`drop table if exists "publications" cascade;`);
  }

}
