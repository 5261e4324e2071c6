-- platform_year_figures (src/db/schema/statistics.ts) kept equal to its source rows by triggers, then
-- filled for an existing database. The counting rules are the ones src/server/statistics used on
-- the source rows: residents at year end whose code does not wait for a reviewer (RULES.md §7),
-- people served / placed from the year's data by the platform's type.

-- People of a year-data field that counts by education (bachelorOrBelow … academician).
CREATE FUNCTION pyf_people(data jsonb, field text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce((data->field->>'bachelorOrBelow')::bigint, 0) + coalesce((data->field->>'postgraduate')::bigint, 0)
    + coalesce((data->field->>'talentCard')::bigint, 0) + coalesce((data->field->>'academician')::bigint, 0)
$$;
--> statement-breakpoint
-- Recomputes the rows of the given platform-years from the source tables (a key with nothing left is deleted).
-- Writers of the same keys are serialized by transaction advisory locks (64 buckets, taken in order), and
-- every statement below reads with a snapshot taken after the lock: two transactions adding residents to
-- the same platform-year cannot leave a sum that misses the other's rows.
CREATE FUNCTION pyf_refresh(keys_platform uuid[], keys_year integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(array_length(keys_platform, 1), 0) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(1886417254, b) FROM (
    SELECT DISTINCT abs(hashtext(k.platform_id::text || ':' || k.year) % 64) AS b FROM unnest(keys_platform, keys_year) AS k(platform_id, year) ORDER BY 1) AS buckets;
  DELETE FROM platform_year_figures f USING unnest(keys_platform, keys_year) AS k(platform_id, year)
    WHERE f.platform_id = k.platform_id AND f.year = k.year;
  INSERT INTO platform_year_figures (platform_id, year, enterprises, above_scale, revenue_yuan, tax_yuan, served, placed)
  WITH k AS (SELECT DISTINCT platform_id, year FROM unnest(keys_platform, keys_year) AS k(platform_id, year)),
  r AS (
    SELECT r.platform_id, r.year, count(*) AS ent, count(*) FILTER (WHERE coalesce(ey.above_scale, false)) AS above,
      sum(r.revenue_yuan) AS rev, sum(r.tax_yuan) AS tax
    FROM k JOIN residences r ON r.platform_id = k.platform_id AND r.year = k.year
    LEFT JOIN enterprise_years ey ON ey.enterprise_id = r.enterprise_id AND ey.year = r.year
    WHERE (r.entry_date IS NULL OR r.entry_date <= make_date(r.year, 12, 31))
      AND (r.exit_date IS NULL OR r.exit_date > make_date(r.year, 12, 31))
      AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.id = r.enterprise_id
        AND e.uscc_override_reason IS NOT NULL AND e.uscc_override_reason IS DISTINCT FROM e.uscc_accepted_reason)
    GROUP BY 1, 2),
  d AS (
    SELECT d.platform_id, d.year,
      CASE p.type WHEN 'specialized_market' THEN pyf_people(d.data, 'personTimesServed') WHEN 'specialized_park' THEN pyf_people(d.data, 'serviceLineTalentServed') ELSE 0 END AS served,
      CASE p.type WHEN 'specialized_market' THEN pyf_people(d.data, 'placedInChongqing') WHEN 'specialized_park' THEN pyf_people(d.data, 'industryTalentSupplied')
        ELSE coalesce((d.data->>'jobsPromoted')::bigint, 0) END AS placed
    FROM k JOIN platform_year_data d ON d.platform_id = k.platform_id AND d.year = k.year
    JOIN platforms p ON p.id = d.platform_id)
  SELECT k.platform_id, k.year, coalesce(r.ent, 0), coalesce(r.above, 0), coalesce(r.rev, 0), coalesce(r.tax, 0), coalesce(d.served, 0), coalesce(d.placed, 0)
  FROM k LEFT JOIN r ON r.platform_id = k.platform_id AND r.year = k.year
  LEFT JOIN d ON d.platform_id = k.platform_id AND d.year = k.year
  WHERE r.platform_id IS NOT NULL OR d.platform_id IS NOT NULL;
END $$;
--> statement-breakpoint
-- Statement-level triggers with transition tables: a bulk insert of thousands of rows refreshes each
-- platform-year once. PostgreSQL allows one event per trigger with transition tables, so each table has
-- three triggers on one function that reads the tables its event has.
CREATE FUNCTION pyf_residences() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p uuid[]; y integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN SELECT array_agg(platform_id), array_agg(year) INTO p, y FROM (SELECT DISTINCT platform_id, year FROM new_rows) s;
  ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(platform_id), array_agg(year) INTO p, y FROM (SELECT DISTINCT platform_id, year FROM old_rows) s;
  ELSE SELECT array_agg(platform_id), array_agg(year) INTO p, y FROM (SELECT platform_id, year FROM old_rows UNION SELECT platform_id, year FROM new_rows) s;
  END IF;
  PERFORM pyf_refresh(p, y);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER pyf_residences_insert AFTER INSERT ON residences REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pyf_residences();
--> statement-breakpoint
CREATE TRIGGER pyf_residences_update AFTER UPDATE ON residences REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pyf_residences();
--> statement-breakpoint
CREATE TRIGGER pyf_residences_delete AFTER DELETE ON residences REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pyf_residences();
--> statement-breakpoint
CREATE FUNCTION pyf_year_data() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p uuid[]; y integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN SELECT array_agg(platform_id), array_agg(year) INTO p, y FROM (SELECT DISTINCT platform_id, year FROM new_rows) s;
  ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(platform_id), array_agg(year) INTO p, y FROM (SELECT DISTINCT platform_id, year FROM old_rows) s;
  ELSE SELECT array_agg(platform_id), array_agg(year) INTO p, y FROM (SELECT platform_id, year FROM old_rows UNION SELECT platform_id, year FROM new_rows) s;
  END IF;
  PERFORM pyf_refresh(p, y);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER pyf_year_data_insert AFTER INSERT ON platform_year_data REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pyf_year_data();
--> statement-breakpoint
CREATE TRIGGER pyf_year_data_update AFTER UPDATE ON platform_year_data REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pyf_year_data();
--> statement-breakpoint
CREATE TRIGGER pyf_year_data_delete AFTER DELETE ON platform_year_data REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pyf_year_data();
--> statement-breakpoint
-- 规模以上 flags: the platform-years where the enterprise was resident that year.
CREATE FUNCTION pyf_enterprise_years() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p uuid[]; y integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(platform_id), array_agg(year) INTO p, y FROM (SELECT DISTINCT r.platform_id, r.year FROM new_rows n JOIN residences r ON r.enterprise_id = n.enterprise_id AND r.year = n.year) s;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(platform_id), array_agg(year) INTO p, y FROM (SELECT DISTINCT r.platform_id, r.year FROM old_rows o JOIN residences r ON r.enterprise_id = o.enterprise_id AND r.year = o.year) s;
  ELSE
    SELECT array_agg(platform_id), array_agg(year) INTO p, y FROM (SELECT DISTINCT r.platform_id, r.year
      FROM (SELECT enterprise_id, year FROM old_rows UNION SELECT enterprise_id, year FROM new_rows) c JOIN residences r ON r.enterprise_id = c.enterprise_id AND r.year = c.year) s;
  END IF;
  PERFORM pyf_refresh(p, y);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER pyf_enterprise_years_insert AFTER INSERT ON enterprise_years REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pyf_enterprise_years();
--> statement-breakpoint
CREATE TRIGGER pyf_enterprise_years_update AFTER UPDATE ON enterprise_years REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pyf_enterprise_years();
--> statement-breakpoint
CREATE TRIGGER pyf_enterprise_years_delete AFTER DELETE ON enterprise_years REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pyf_enterprise_years();
--> statement-breakpoint
-- An enterprise whose code starts or stops waiting for a reviewer: every platform-year it is resident in.
-- (An enterprise is inserted before its residences and cannot be deleted while it has any.)
CREATE FUNCTION pyf_enterprises() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p uuid[]; y integer[];
BEGIN
  SELECT array_agg(platform_id), array_agg(year) INTO p, y FROM (SELECT DISTINCT r.platform_id, r.year
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN residences r ON r.enterprise_id = n.id
    WHERE (o.uscc_override_reason IS NOT NULL AND o.uscc_override_reason IS DISTINCT FROM o.uscc_accepted_reason)
      IS DISTINCT FROM (n.uscc_override_reason IS NOT NULL AND n.uscc_override_reason IS DISTINCT FROM n.uscc_accepted_reason)) s;
  PERFORM pyf_refresh(p, y);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER pyf_enterprises_update AFTER UPDATE ON enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pyf_enterprises();
--> statement-breakpoint
-- A platform's type decides which year-data fields are its people served and placed. (Its district and
-- level are read from platforms when summing; a deleted platform's rows go by the foreign key's cascade.)
CREATE FUNCTION pyf_platforms() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p uuid[]; y integer[];
BEGIN
  SELECT array_agg(platform_id), array_agg(year) INTO p, y FROM (SELECT d.platform_id, d.year
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN platform_year_data d ON d.platform_id = n.id WHERE o.type IS DISTINCT FROM n.type) s;
  PERFORM pyf_refresh(p, y);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER pyf_platforms_update AFTER UPDATE ON platforms REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pyf_platforms();
--> statement-breakpoint
-- An existing database: every platform-year with a resident or year data.
SELECT pyf_refresh(array_agg(platform_id), array_agg(year)) FROM (SELECT platform_id, year FROM residences UNION SELECT platform_id, year FROM platform_year_data) AS k;
