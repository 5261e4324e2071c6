-- The public notice pages (cached under the topic 'notices') also show each notice's history and its
-- attachments: a revision or a file stored or removed clears them. Files of other owners clear them
-- too (one statement-level notification per upload; cheap and never stale).
CREATE TRIGGER publicity_notice_revisions_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publicity_notice_revisions FOR EACH STATEMENT EXECUTE FUNCTION hrsp_public_changed('notices');
--> statement-breakpoint
CREATE TRIGGER files_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON files FOR EACH STATEMENT EXECUTE FUNCTION hrsp_public_changed('notices');
