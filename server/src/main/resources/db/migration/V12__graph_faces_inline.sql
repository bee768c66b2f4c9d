-- A face embedding is 2,048 bytes: just over the size at which PostgreSQL moves a value out of
-- the row into the table's TOAST storage, compressed (random floats do not compress) and in chunks.
-- Reading the faces behind an identifier then took an index look-up and two chunk reads per face:
-- 1.8 to 2 ms a call at 240,000 applications. Kept in the row (three to a page), a face is one page
-- read. Applies to faces stored from now on; existing ones move on their next rewrite.
ALTER TABLE graph_faces ALTER COLUMN embedding SET STORAGE PLAIN;
