import { Migration } from '@mikro-orm/migrations';

export class Migration20261122004050KeyUsage extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "key_usage" ("signer" text not null, "window" varchar(8) not null, "window_start" timestamptz not null, "records" int not null default 0, "bytes" bigint not null default 0, constraint "key_usage_pkey" primary key ("signer", "window", "window_start"));`);
    this.addSql(`create index "key_usage_window_start_index" on "key_usage" ("window_start");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "key_usage" cascade;`);
  }

}
