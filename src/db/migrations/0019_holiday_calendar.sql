CREATE TABLE "holiday_calendar_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "holiday_calendar_entries_version_date" UNIQUE("version_id","date")
);
--> statement-breakpoint
CREATE TABLE "holiday_calendar_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"reason" text NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "holiday_calendar_versions_year_version" UNIQUE("year","version")
);
--> statement-breakpoint
ALTER TABLE "holiday_calendar_entries" ADD CONSTRAINT "holiday_calendar_entries_version_id_holiday_calendar_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."holiday_calendar_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holiday_calendar_versions" ADD CONSTRAINT "holiday_calendar_versions_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "holiday_calendar_entries_year_idx" ON "holiday_calendar_entries" USING btree ("year");