CREATE TABLE "recognition_expert_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"expert_user_id" uuid NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"decline_reason" text,
	"verifications" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"site_visit" jsonb,
	"private_notes" text,
	"necessity" text,
	"feasibility" text,
	"recommendation" text,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "publicity_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"posted_on" date NOT NULL,
	"days" integer NOT NULL,
	"counting" text DEFAULT 'calendar_days' NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"decision_from" date NOT NULL,
	"posted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publicity_notices_days_min" CHECK ("publicity_notices"."days" >= 5)
);
--> statement-breakpoint
CREATE TABLE "publicity_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"summary" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"resolution" text,
	"resolved_on" date,
	"recorded_by" uuid,
	"resolved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recognition_applications" ADD COLUMN "decision_date" date;--> statement-breakpoint
ALTER TABLE "recognition_applications" ADD COLUMN "decision_doc_no" text;--> statement-breakpoint
ALTER TABLE "recognition_expert_assignments" ADD CONSTRAINT "recognition_expert_assignments_application_id_recognition_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."recognition_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_expert_assignments" ADD CONSTRAINT "recognition_expert_assignments_expert_user_id_users_id_fk" FOREIGN KEY ("expert_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_expert_assignments" ADD CONSTRAINT "recognition_expert_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_notices" ADD CONSTRAINT "publicity_notices_posted_by_users_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_notice_id_publicity_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."publicity_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recognition_expert_assignments_application_expert" ON "recognition_expert_assignments" USING btree ("application_id","expert_user_id");--> statement-breakpoint
CREATE INDEX "recognition_expert_assignments_expert_idx" ON "recognition_expert_assignments" USING btree ("expert_user_id");--> statement-breakpoint
CREATE INDEX "publicity_notices_subject_idx" ON "publicity_notices" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "publicity_objections_notice_idx" ON "publicity_objections" USING btree ("notice_id");