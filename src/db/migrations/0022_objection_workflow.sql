CREATE TABLE "publicity_challenge_uses" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_objection_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"objection_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "publicity_objections" ALTER COLUMN "status" SET DEFAULT 'received';--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "source" text DEFAULT 'bureau' NOT NULL;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "receipt_no" text;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "objector_name" text;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "objector_phone" text;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "objector_email" text;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "assigned_to" uuid;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "reply_text" text;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "replied_on" date;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "reply_method" text;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "replied_by" uuid;--> statement-breakpoint
ALTER TABLE "publicity_objection_notes" ADD CONSTRAINT "publicity_objection_notes_objection_id_publicity_objections_id_fk" FOREIGN KEY ("objection_id") REFERENCES "public"."publicity_objections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objection_notes" ADD CONSTRAINT "publicity_objection_notes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publicity_objection_notes_objection_idx" ON "publicity_objection_notes" USING btree ("objection_id");--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publicity_objections_assignee_idx" ON "publicity_objections" USING btree ("assigned_to");--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_receipt_no_unique" UNIQUE("receipt_no");