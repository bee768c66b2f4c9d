-- Fingerprints of the frames' face boxes beside those of whole frames: a face seen before in other
-- surroundings (cut out and pasted on a new background, zoomed, re-framed) is found by its face.
-- kind 0: the whole frame; kind 1: the primary face's box.
ALTER TABLE media_fingerprints ADD COLUMN kind smallint NOT NULL DEFAULT 0 CHECK (kind IN (0, 1));
ALTER TABLE media_fingerprints DROP CONSTRAINT media_fingerprints_pkey;
ALTER TABLE media_fingerprints ADD PRIMARY KEY (session_id, kind, frame_index);
