CREATE TABLE "audit_chain_head" (
	"chain" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "login_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "login_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "login_log" ADD COLUMN "hash" text;--> statement-breakpoint
-- Rows written before the chain: numbered in time order here; hashed by the next start
-- (sealLegacyRows in src/server/audit/repository.ts), which needs SM3 that SQL lacks.
UPDATE "audit_log" SET "seq" = n.seq FROM (SELECT "id", row_number() OVER (ORDER BY "at", "id") AS seq FROM "audit_log") n WHERE n."id" = "audit_log"."id";--> statement-breakpoint
UPDATE "login_log" SET "seq" = n.seq FROM (SELECT "id", row_number() OVER (ORDER BY "at", "id") AS seq FROM "login_log") n WHERE n."id" = "login_log"."id";--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "login_log" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_seq_unique" UNIQUE("seq");--> statement-breakpoint
ALTER TABLE "login_log" ADD CONSTRAINT "login_log_seq_unique" UNIQUE("seq");--> statement-breakpoint
-- hash '' marks a chain whose old rows still wait for their hashes; otherwise the genesis link.
INSERT INTO "audit_chain_head" ("chain", "seq", "hash")
  SELECT 'audit', count(*), CASE WHEN count(*) = 0 THEN repeat('0', 64) ELSE '' END FROM "audit_log";--> statement-breakpoint
INSERT INTO "audit_chain_head" ("chain", "seq", "hash")
  SELECT 'login', count(*), CASE WHEN count(*) = 0 THEN repeat('0', 64) ELSE '' END FROM "login_log";
