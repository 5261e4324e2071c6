CREATE TABLE "preparation_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"term_id" uuid NOT NULL,
	"previous_end" date NOT NULL,
	"new_end" date NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "preparation_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"application_id" uuid,
	"need_kind" text NOT NULL,
	"need" text NOT NULL,
	"consent" text NOT NULL,
	"approved_on" date NOT NULL,
	"end_on" date NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"reminders_sent" text[] DEFAULT '{}'::text[] NOT NULL,
	"closed_on" date,
	"closed_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "recognition_applications_one_open_per_platform";--> statement-breakpoint
DROP INDEX "recognition_expert_assignments_application_expert";--> statement-breakpoint
ALTER TABLE "recognition_applications" ADD COLUMN "expert_round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "recognition_expert_assignments" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "preparation_extensions" ADD CONSTRAINT "preparation_extensions_term_id_preparation_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."preparation_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preparation_extensions" ADD CONSTRAINT "preparation_extensions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preparation_terms" ADD CONSTRAINT "preparation_terms_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preparation_terms" ADD CONSTRAINT "preparation_terms_application_id_recognition_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."recognition_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preparation_terms" ADD CONSTRAINT "preparation_terms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "preparation_extensions_term_idx" ON "preparation_extensions" USING btree ("term_id","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "preparation_terms_one_running_per_platform" ON "preparation_terms" USING btree ("platform_id") WHERE "preparation_terms"."status" = 'running';--> statement-breakpoint
CREATE INDEX "preparation_terms_application_idx" ON "preparation_terms" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recognition_applications_one_open_per_platform" ON "recognition_applications" USING btree ("platform_id") WHERE "recognition_applications"."platform_id" is not null and "recognition_applications"."state" not in ('rejected', 'withdrawn', 'preparation_cancelled');--> statement-breakpoint
CREATE UNIQUE INDEX "recognition_expert_assignments_application_expert" ON "recognition_expert_assignments" USING btree ("application_id","expert_user_id","round");