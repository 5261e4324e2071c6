CREATE TABLE "recognition_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_code" text NOT NULL,
	"platform_id" uuid,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"form" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"state" text DEFAULT 'draft' NOT NULL,
	"terms" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "recognition_checklist" (
	"application_id" uuid NOT NULL,
	"item" text NOT NULL,
	"note" text,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recognition_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"reason" text,
	"user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recognition_opinions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"opinion_date" date NOT NULL,
	"signer" text NOT NULL,
	"seal_file_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recognition_applications" ADD CONSTRAINT "recognition_applications_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_applications" ADD CONSTRAINT "recognition_applications_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_applications" ADD CONSTRAINT "recognition_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_checklist" ADD CONSTRAINT "recognition_checklist_application_id_recognition_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."recognition_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_checklist" ADD CONSTRAINT "recognition_checklist_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_history" ADD CONSTRAINT "recognition_history_application_id_recognition_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."recognition_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_history" ADD CONSTRAINT "recognition_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_opinions" ADD CONSTRAINT "recognition_opinions_application_id_recognition_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."recognition_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_opinions" ADD CONSTRAINT "recognition_opinions_seal_file_id_files_id_fk" FOREIGN KEY ("seal_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_opinions" ADD CONSTRAINT "recognition_opinions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recognition_applications_district_idx" ON "recognition_applications" USING btree ("district_code");--> statement-breakpoint
CREATE UNIQUE INDEX "recognition_applications_one_open_per_platform" ON "recognition_applications" USING btree ("platform_id") WHERE "recognition_applications"."platform_id" is not null and "recognition_applications"."state" not in ('rejected', 'withdrawn');--> statement-breakpoint
CREATE UNIQUE INDEX "recognition_checklist_item" ON "recognition_checklist" USING btree ("application_id","item");--> statement-breakpoint
CREATE INDEX "recognition_history_application_idx" ON "recognition_history" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "recognition_opinions_application_idx" ON "recognition_opinions" USING btree ("application_id","kind");