-- 「请评审…」 notifications sent before this release link to the entry page, which experts may not open: point them at the expert's review page.
UPDATE "notifications" SET "link" = '/app/review/' || ("data"->>'evaluationId') || '/' || ("data"->>'entryId')
WHERE "kind" = 'evaluation.expert.assigned' AND "data" ? 'evaluationId' AND "data" ? 'entryId';
