import { Migration } from '@mikro-orm/migrations';

/**
 * Funding keyed by chain (issue 19): bsv_utxos becomes funding_utxos (a pool per UTXO chain,
 * `amount` in the chain's unit) and arweave_reservations becomes funding_reservations (per account
 * chain). Generated, then edited by hand to carry the rows over before the old tables go: the
 * outputs as chain 'bsv', the reservations as chain 'arweave', the only chains that had them.
 */
export class Migration20261207222916ChainNeutralFunding extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "funding_reservations" ("id" bigserial primary key, "chain" varchar(32) not null, "chain_tx_id" bigint not null, "amount" numeric(40,0) not null, "status" varchar(16) not null default 'reserved', "created_at" timestamptz not null default now(), "settled_at" timestamptz null);`);
    this.addSql(`alter table "funding_reservations" add constraint "funding_reservations_chain_tx_id_unique" unique ("chain_tx_id");`);
    this.addSql(`create index "funding_reservations_chain_status_index" on "funding_reservations" ("chain", "status");`);

    this.addSql(`create table "funding_utxos" ("chain" varchar(32) not null, "txid" varchar(128) not null, "vout" int not null, "amount" numeric(40,0) not null, "locking_script" text not null, "status" varchar(16) not null default 'available', "spent_by_chain_tx_id" bigint null, "reserved_at" timestamptz null, "created_by_chain_tx_id" bigint null, "created_at" timestamptz not null default now(), constraint "funding_utxos_pkey" primary key ("chain", "txid", "vout"));`);
    this.addSql(`create index "funding_utxos_spent_by_chain_tx_id_index" on "funding_utxos" ("spent_by_chain_tx_id");`);
    this.addSql(`create index funding_utxos_available_idx on funding_utxos (chain, amount, txid, vout) where status = 'available';`);

    this.addSql(`alter table "funding_reservations" add constraint "funding_reservations_chain_tx_id_foreign" foreign key ("chain_tx_id") references "chain_txs" ("id") on update cascade;`);

    this.addSql(`alter table "funding_utxos" add constraint "funding_utxos_spent_by_chain_tx_id_foreign" foreign key ("spent_by_chain_tx_id") references "chain_txs" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "funding_utxos" add constraint "funding_utxos_created_by_chain_tx_id_foreign" foreign key ("created_by_chain_tx_id") references "chain_txs" ("id") on update cascade on delete set null;`);

    this.addSql(`insert into "funding_utxos" ("chain", "txid", "vout", "amount", "locking_script", "status", "spent_by_chain_tx_id", "reserved_at", "created_by_chain_tx_id", "created_at")
      select 'bsv', "txid", "vout", "satoshis", "locking_script", "status", "spent_by_chain_tx_id", "reserved_at", "created_by_chain_tx_id", "created_at" from "bsv_utxos";`);
    this.addSql(`insert into "funding_reservations" ("id", "chain", "chain_tx_id", "amount", "status", "created_at", "settled_at")
      select "id", 'arweave', "chain_tx_id", "winston", "status", "created_at", "settled_at" from "arweave_reservations";`);
    this.addSql(`select setval(pg_get_serial_sequence('funding_reservations', 'id'), coalesce((select max("id") from "funding_reservations"), 0) + 1, false);`);

    this.addSql(`drop table if exists "arweave_reservations" cascade;`);

    this.addSql(`drop table if exists "bsv_utxos" cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create table "arweave_reservations" ("id" bigserial primary key, "chain_tx_id" int8 not null, "winston" numeric(40,0) not null, "status" varchar(16) not null default 'reserved', "created_at" timestamptz(6) not null default now(), "settled_at" timestamptz(6) null);`);
    this.addSql(`alter table "arweave_reservations" add constraint "arweave_reservations_chain_tx_id_unique" unique ("chain_tx_id");`);
    this.addSql(`create index "arweave_reservations_status_index" on "arweave_reservations" ("status");`);

    this.addSql(`create table "bsv_utxos" ("txid" char(64) not null, "vout" int4 not null, "satoshis" int8 not null, "locking_script" text not null, "status" varchar(16) not null default 'available', "spent_by_chain_tx_id" int8 null, "reserved_at" timestamptz(6) null, "created_by_chain_tx_id" int8 null, "created_at" timestamptz(6) not null default now(), constraint "bsv_utxos_pkey" primary key ("txid", "vout"));`);
    this.addSql(`CREATE INDEX bsv_utxos_available_idx ON public.bsv_utxos USING btree (satoshis, txid, vout) WHERE ((status)::text = 'available'::text);`);
    this.addSql(`create index "bsv_utxos_spent_by_chain_tx_id_index" on "bsv_utxos" ("spent_by_chain_tx_id");`);

    this.addSql(`alter table "arweave_reservations" add constraint "arweave_reservations_chain_tx_id_foreign" foreign key ("chain_tx_id") references "chain_txs" ("id") on update cascade on delete no action;`);

    this.addSql(`alter table "bsv_utxos" add constraint "bsv_utxos_created_by_chain_tx_id_foreign" foreign key ("created_by_chain_tx_id") references "chain_txs" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "bsv_utxos" add constraint "bsv_utxos_spent_by_chain_tx_id_foreign" foreign key ("spent_by_chain_tx_id") references "chain_txs" ("id") on update cascade on delete set null;`);

    this.addSql(`insert into "bsv_utxos" ("txid", "vout", "satoshis", "locking_script", "status", "spent_by_chain_tx_id", "reserved_at", "created_by_chain_tx_id", "created_at")
      select "txid", "vout", "amount", "locking_script", "status", "spent_by_chain_tx_id", "reserved_at", "created_by_chain_tx_id", "created_at" from "funding_utxos" where "chain" = 'bsv';`);
    this.addSql(`insert into "arweave_reservations" ("id", "chain_tx_id", "winston", "status", "created_at", "settled_at")
      select "id", "chain_tx_id", "amount", "status", "created_at", "settled_at" from "funding_reservations" where "chain" = 'arweave';`);
    this.addSql(`select setval(pg_get_serial_sequence('arweave_reservations', 'id'), coalesce((select max("id") from "arweave_reservations"), 0) + 1, false);`);

    this.addSql(`drop table if exists "funding_reservations" cascade;`);

    this.addSql(`drop table if exists "funding_utxos" cascade;`);
  }

}
