ALTER TABLE "support_items" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_items" ADD COLUMN "voided_by" uuid;--> statement-breakpoint
ALTER TABLE "support_items" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "support_items" ADD CONSTRAINT "support_items_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;