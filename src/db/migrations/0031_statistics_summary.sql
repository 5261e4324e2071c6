CREATE TABLE "platform_year_figures" (
	"platform_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"enterprises" integer NOT NULL,
	"above_scale" integer NOT NULL,
	"revenue_yuan" numeric(24, 0) NOT NULL,
	"tax_yuan" numeric(24, 0) NOT NULL,
	"served" bigint NOT NULL,
	"placed" bigint NOT NULL,
	CONSTRAINT "platform_year_figures_pk" PRIMARY KEY("platform_id","year")
);
--> statement-breakpoint
ALTER TABLE "evaluation_entries" ADD COLUMN "prefilled_facts" jsonb;--> statement-breakpoint
ALTER TABLE "platform_year_figures" ADD CONSTRAINT "platform_year_figures_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "platform_year_figures_year_idx" ON "platform_year_figures" USING btree ("year","platform_id");--> statement-breakpoint
CREATE INDEX "residences_offline_year_enterprise_idx" ON "residences" USING btree ("year","enterprise_id") WHERE "residences"."mode" = 'offline';