CREATE TABLE "entry_row_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"row_code" text NOT NULL,
	"decision" text NOT NULL,
	"comment" text,
	"reviewer_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"platform_id" uuid NOT NULL,
	"level" text NOT NULL,
	"type" text NOT NULL,
	"factor" numeric(6, 2) NOT NULL,
	"voluntary" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"row_texts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"self_total" numeric(6, 2),
	"reviewed_total" numeric(6, 2),
	"conditions_lost" boolean,
	"conditions_note" text,
	"grade" text,
	"grade_source" text,
	"grade_reason" text,
	"submitted_at" timestamp with time zone,
	"forwarded_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"platform_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"scheme_id" text NOT NULL,
	"excellent_cutoff" numeric(5, 2) DEFAULT '85' NOT NULL,
	"pass_cutoff" numeric(5, 2) DEFAULT '60' NOT NULL,
	"pool_per_type" boolean DEFAULT false NOT NULL,
	"self_evaluation_end" date NOT NULL,
	"district_review_end" date NOT NULL,
	"municipal_review_end" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_year_unique" UNIQUE("year")
);
--> statement-breakpoint
CREATE TABLE "expert_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"expert_user_id" uuid NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"decline_reason" text,
	"corrections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"judged_scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"site_visit" jsonb,
	"private_notes" text,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "score_schemes" (
	"id" text PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"based_on" text,
	"document" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"adopted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "affiliation_org_id" uuid;--> statement-breakpoint
ALTER TABLE "entry_row_reviews" ADD CONSTRAINT "entry_row_reviews_entry_id_evaluation_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."evaluation_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_row_reviews" ADD CONSTRAINT "entry_row_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_entries" ADD CONSTRAINT "evaluation_entries_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_entries" ADD CONSTRAINT "evaluation_entries_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_proposals" ADD CONSTRAINT "evaluation_proposals_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_proposals" ADD CONSTRAINT "evaluation_proposals_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_proposals" ADD CONSTRAINT "evaluation_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_scheme_id_score_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."score_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_entry_id_evaluation_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."evaluation_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_expert_user_id_users_id_fk" FOREIGN KEY ("expert_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_schemes" ADD CONSTRAINT "score_schemes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entry_row_reviews_entry_idx" ON "entry_row_reviews" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_entries_eval_platform" ON "evaluation_entries" USING btree ("evaluation_id","platform_id");--> statement-breakpoint
CREATE INDEX "evaluation_entries_platform_idx" ON "evaluation_entries" USING btree ("platform_id");--> statement-breakpoint
CREATE INDEX "evaluation_proposals_eval_idx" ON "evaluation_proposals" USING btree ("evaluation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "expert_assignments_entry_expert" ON "expert_assignments" USING btree ("entry_id","expert_user_id");--> statement-breakpoint
CREATE INDEX "expert_assignments_expert_idx" ON "expert_assignments" USING btree ("expert_user_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_affiliation_org_id_organizations_id_fk" FOREIGN KEY ("affiliation_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;