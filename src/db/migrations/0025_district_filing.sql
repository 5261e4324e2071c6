CREATE TABLE "district_filing_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"action" text NOT NULL,
	"text" text,
	"user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "district_filings" (
	"platform_id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"state" text NOT NULL,
	"data_year" integer NOT NULL,
	"policy_id" uuid NOT NULL,
	"decision_doc_no" text NOT NULL,
	"decided_on" date NOT NULL,
	"check_result" jsonb NOT NULL,
	"quota_reason" text,
	"filed_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "district_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_code" text NOT NULL,
	"version" integer NOT NULL,
	"doc_no" text NOT NULL,
	"effective_from" date NOT NULL,
	"thresholds" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "district_filing_events" ADD CONSTRAINT "district_filing_events_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_filing_events" ADD CONSTRAINT "district_filing_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_filings" ADD CONSTRAINT "district_filings_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_filings" ADD CONSTRAINT "district_filings_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_filings" ADD CONSTRAINT "district_filings_policy_id_district_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."district_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_policies" ADD CONSTRAINT "district_policies_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_policies" ADD CONSTRAINT "district_policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "district_filing_events_platform_idx" ON "district_filing_events" USING btree ("platform_id");--> statement-breakpoint
CREATE INDEX "district_filings_district_idx" ON "district_filings" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "district_filings_state_idx" ON "district_filings" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "district_policies_version" ON "district_policies" USING btree ("district_code","version");