CREATE INDEX "enterprise_years_year_idx" ON "enterprise_years" USING btree ("year","enterprise_id","above_scale");--> statement-breakpoint
CREATE INDEX "enterprises_uscc_override_idx" ON "enterprises" USING btree ("id") WHERE "enterprises"."uscc_override_reason" is not null;--> statement-breakpoint
CREATE INDEX "residences_year_platform_idx" ON "residences" USING btree ("year","platform_id");