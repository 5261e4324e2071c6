CREATE TABLE "publicity_notice_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"detail" text,
	CONSTRAINT "publicity_notice_items_subject_uq" UNIQUE("notice_id","subject_type","subject_id")
);
--> statement-breakpoint
DROP INDEX "publicity_notices_subject_idx";--> statement-breakpoint
-- Each existing notice published one application: it becomes the notice's single item, and its objections are about that item.
INSERT INTO "publicity_notice_items" ("notice_id", "subject_type", "subject_id", "position", "title", "detail")
SELECT n."id", n."subject_type", n."subject_id", 1, coalesce(a."name", n."title"), '拟认定为市级平台'
FROM "publicity_notices" n LEFT JOIN "recognition_applications" a ON a."id" = n."subject_id";--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "item_id" uuid;--> statement-breakpoint
UPDATE "publicity_objections" o SET "item_id" = i."id" FROM "publicity_notice_items" i WHERE i."notice_id" = o."notice_id";--> statement-breakpoint
ALTER TABLE "publicity_objections" ALTER COLUMN "item_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "publicity_notice_items" ADD CONSTRAINT "publicity_notice_items_notice_id_publicity_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."publicity_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publicity_notice_items_subject_idx" ON "publicity_notice_items" USING btree ("subject_type","subject_id");--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_item_id_publicity_notice_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."publicity_notice_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publicity_objections_item_idx" ON "publicity_objections" USING btree ("item_id");--> statement-breakpoint
ALTER TABLE "publicity_notices" DROP COLUMN "subject_id";