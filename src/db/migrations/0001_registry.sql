CREATE TABLE "enterprise_years" (
	"enterprise_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"above_scale" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"industry" text,
	"is_hr_service" boolean DEFAULT false NOT NULL,
	"uscc_override_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_uscc_unique" UNIQUE("uscc")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid,
	"owner_type" text NOT NULL,
	"owner_id" uuid,
	"purpose" text,
	"year" integer,
	"original_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"stored_name" text NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_stored_name_unique" UNIQUE("stored_name")
);
--> statement-breakpoint
CREATE TABLE "platform_sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"building_area" numeric(12, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"name" text NOT NULL,
	"team" text NOT NULL,
	"position" text,
	"full_time" boolean DEFAULT true NOT NULL,
	"professional_title" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text NOT NULL,
	"effective_date" date NOT NULL,
	"user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_year_data" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"mode" text NOT NULL,
	"entry_date" date,
	"exit_date" date,
	"agreement_file_id" uuid,
	"revenue_yuan" bigint DEFAULT 0 NOT NULL,
	"pass_through_yuan" bigint DEFAULT 0 NOT NULL,
	"tax_yuan" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "carrier" text DEFAULT 'offline' NOT NULL;--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "served_field" text;--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "orientation" text;--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "management_org_name" text;--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "operation_mode" text DEFAULT 'self' NOT NULL;--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "services" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "recognition_doc_no" text;--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "recognition_basis" text;--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "parent_platform_id" uuid;--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprise_years" ADD CONSTRAINT "enterprise_years_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_sites" ADD CONSTRAINT "platform_sites_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_staff" ADD CONSTRAINT "platform_staff_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_status_history" ADD CONSTRAINT "platform_status_history_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_status_history" ADD CONSTRAINT "platform_status_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_year_data" ADD CONSTRAINT "platform_year_data_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_year_data" ADD CONSTRAINT "platform_year_data_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residences" ADD CONSTRAINT "residences_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residences" ADD CONSTRAINT "residences_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_years_pk" ON "enterprise_years" USING btree ("enterprise_id","year");--> statement-breakpoint
CREATE INDEX "files_owner_idx" ON "files" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "files_platform_idx" ON "files" USING btree ("platform_id");--> statement-breakpoint
CREATE INDEX "platform_sites_platform_idx" ON "platform_sites" USING btree ("platform_id");--> statement-breakpoint
CREATE INDEX "platform_staff_platform_idx" ON "platform_staff" USING btree ("platform_id");--> statement-breakpoint
CREATE INDEX "platform_status_history_platform_idx" ON "platform_status_history" USING btree ("platform_id");--> statement-breakpoint
CREATE UNIQUE INDEX "platform_year_data_platform_year" ON "platform_year_data" USING btree ("platform_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "residences_platform_enterprise_year" ON "residences" USING btree ("platform_id","enterprise_id","year");--> statement-breakpoint
CREATE INDEX "residences_enterprise_year_idx" ON "residences" USING btree ("enterprise_id","year");--> statement-breakpoint
ALTER TABLE "platforms" ADD CONSTRAINT "platforms_parent_platform_id_platforms_id_fk" FOREIGN KEY ("parent_platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;