-- The public portal's cache (src/server/public/cache.ts): a statement that changes a table the
-- public pages show announces the topics it belongs to on the change channel every HRSP process
-- listens on (src/server/cluster/changes.ts), as `public:<topic>`. PostgreSQL delivers it when the
-- transaction commits (never on rollback) and sends one per distinct payload per transaction, so
-- a bulk import announces each topic once. Statement-level: the cost is one call per statement.
-- The function runs with the writer's rights; pg_notify needs none, so the runtime role writes
-- as before. To bind another table (a new public route's data), add in a new migration:
--   CREATE TRIGGER <table>_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON <table> FOR EACH STATEMENT EXECUTE FUNCTION hrsp_public_changed('<topic>', ...);
CREATE FUNCTION hrsp_public_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 0 .. TG_NARGS - 1 LOOP
    PERFORM pg_notify('hrsp_change', 'public:' || TG_ARGV[i]);
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER platforms_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platforms FOR EACH STATEMENT EXECUTE FUNCTION hrsp_public_changed('directory');
--> statement-breakpoint
CREATE TRIGGER platform_sites_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform_sites FOR EACH STATEMENT EXECUTE FUNCTION hrsp_public_changed('directory');
--> statement-breakpoint
CREATE TRIGGER organizations_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations FOR EACH STATEMENT EXECUTE FUNCTION hrsp_public_changed('directory');
--> statement-breakpoint
CREATE TRIGGER districts_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON districts FOR EACH STATEMENT EXECUTE FUNCTION hrsp_public_changed('districts', 'directory');
--> statement-breakpoint
CREATE TRIGGER evaluations_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON evaluations FOR EACH STATEMENT EXECUTE FUNCTION hrsp_public_changed('results');
--> statement-breakpoint
CREATE TRIGGER publicity_notices_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publicity_notices FOR EACH STATEMENT EXECUTE FUNCTION hrsp_public_changed('notices');

--> statement-breakpoint
CREATE TRIGGER publicity_notice_items_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publicity_notice_items FOR EACH STATEMENT EXECUTE FUNCTION hrsp_public_changed('notices');
