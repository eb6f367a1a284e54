-- Files stored whole before stored_file_parts existed become one part each (part 0), so every
-- file is read the same way; the next migration drops stored_files.bytes.
INSERT INTO "stored_file_parts" ("file_id", "seq", "bytes")
SELECT "id", 0, "bytes" FROM "stored_files" WHERE "bytes" IS NOT NULL AND octet_length("bytes") > 0
ON CONFLICT DO NOTHING;
