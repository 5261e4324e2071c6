-- Rate-limit counters are rewritten on every request and worthless after a crash: keep them out of the WAL.
ALTER TABLE "rate_limit_hits" SET UNLOGGED;
