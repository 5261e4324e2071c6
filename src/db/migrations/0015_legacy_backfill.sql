-- Before this version a national or municipal platform could only enter the registry by being
-- created directly as 已认定 (no recognition procedure existed), so every such record is a
-- platform recognized outside HRSP: it is labelled 存量登记 like those registered from now on.
UPDATE "platforms" p SET "origin" = 'legacy'
WHERE p."level" IN ('national', 'municipal')
  AND EXISTS (
    SELECT 1 FROM "platform_status_history" h
    WHERE h."platform_id" = p."id" AND h."from_status" IS NULL AND h."to_status" = 'recognized'
  );
