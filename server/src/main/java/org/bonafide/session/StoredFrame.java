package org.bonafide.session;

/** A frame as stored: its metadata and bytes. */
record StoredFrame(int index, long timestampMs, String prompt, String screen, byte[] image, byte[] sha256) {}
