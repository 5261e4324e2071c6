ALTER TABLE "enterprises" ADD COLUMN "uscc_accepted_reason" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "uscc_accepted_by" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "uscc_accepted_at" timestamp with time zone;