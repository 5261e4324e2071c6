CREATE TABLE "publicity_notice_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"snapshot" jsonb NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publicity_notice_revisions_uq" UNIQUE("notice_id","revision"),
	CONSTRAINT "publicity_notice_revisions_reason" CHECK ("publicity_notice_revisions"."kind" = 'post' or length(trim(coalesce("publicity_notice_revisions"."reason", ''))) > 0)
);
--> statement-breakpoint
ALTER TABLE "publicity_notice_items" ADD COLUMN "decided_grade" text;--> statement-breakpoint
ALTER TABLE "publicity_notice_items" ADD COLUMN "decision_reason" text;--> statement-breakpoint
ALTER TABLE "publicity_notice_items" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "publicity_notice_items" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "publicity_notices" ADD COLUMN "extended_from" date;--> statement-breakpoint
ALTER TABLE "publicity_notices" ADD COLUMN "explanation" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "publicity_notices" ADD COLUMN "status" text DEFAULT 'posted' NOT NULL;--> statement-breakpoint
ALTER TABLE "publicity_notices" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "publicity_notice_revisions" ADD CONSTRAINT "publicity_notice_revisions_notice_id_publicity_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."publicity_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_notice_revisions" ADD CONSTRAINT "publicity_notice_revisions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_notice_items" ADD CONSTRAINT "publicity_notice_items_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Backfill: every notice posted before revisions existed gets its posting as revision 1 (the snapshot as stored now).
INSERT INTO "publicity_notice_revisions" ("notice_id", "revision", "kind", "reason", "snapshot", "user_id", "created_at")
SELECT n."id", 1, 'post', NULL,
  jsonb_build_object('title', n."title", 'body', n."body", 'postedOn', n."posted_on", 'days', n."days", 'counting', n."counting",
    'firstDay', n."first_day", 'lastDay', n."last_day", 'decisionFrom', n."decision_from", 'explanation', n."explanation",
    'items', coalesce((SELECT jsonb_agg(jsonb_build_object('id', i."id", 'position', i."position", 'title', i."title", 'detail', i."detail") ORDER BY i."position")
      FROM "publicity_notice_items" i WHERE i."notice_id" = n."id"), '[]'::jsonb)),
  n."posted_by", n."created_at"
FROM "publicity_notices" n;
