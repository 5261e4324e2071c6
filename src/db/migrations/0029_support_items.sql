CREATE TABLE "support_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"district_code" text NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"amount_yuan" bigint,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"grade" text,
	"standing" text NOT NULL,
	"basis" text NOT NULL,
	"reason" text,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "support_items" ADD CONSTRAINT "support_items_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_items" ADD CONSTRAINT "support_items_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_items" ADD CONSTRAINT "support_items_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_items_platform_idx" ON "support_items" USING btree ("platform_id");--> statement-breakpoint
CREATE INDEX "support_items_district_year_idx" ON "support_items" USING btree ("district_code","year");