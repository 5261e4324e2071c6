-- Objections recorded before the assign / decide / reply workflow: an open one waits to be assigned, a resolved one is decided (no reply was recorded then).
UPDATE "publicity_objections" SET "status" = 'received' WHERE "status" = 'open';--> statement-breakpoint
UPDATE "publicity_objections" SET "status" = 'decided' WHERE "status" = 'resolved';
