package org.bonafide.session;

import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.Prompt;

/** A frame as stored: its metadata and bytes. */
record StoredFrame(int index, long timestampMs, String prompt, String screen, byte[] image, byte[] sha256) {
  /** The frame as the analysis and session folders take it. */
  CapturedFrame toCaptured() {
    return new CapturedFrame(index, timestampMs, prompt == null ? null : Prompt.fromCode(prompt), screen, image);
  }
}
