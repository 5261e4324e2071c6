ALTER TABLE "evaluations" ADD COLUMN "results_code" text;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "results_key_version" integer;