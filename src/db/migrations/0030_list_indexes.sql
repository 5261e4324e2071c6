DROP INDEX "platforms_district_idx";--> statement-breakpoint
CREATE INDEX "platforms_district_name_idx" ON "platforms" USING btree ("district_code","name","id");--> statement-breakpoint
CREATE INDEX "platforms_name_idx" ON "platforms" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "platforms_parent_idx" ON "platforms" USING btree ("parent_platform_id");