package org.bonafide.liveness;

/**
 * One frame as the capture page or app sent it.
 *
 * @param index position in the capture, from 0
 * @param timestampMs capture time in milliseconds since the capture started (the client's clock)
 * @param prompt the prompt on screen when the frame was captured, or null before the first one
 * @param screen the full-screen colour shown when the frame was captured ({@code #rrggbb}), or
 *     null when no colour was shown
 * @param image the encoded image (JPEG from the capture page)
 */
public record CapturedFrame(int index, long timestampMs, Prompt prompt, String screen, byte[] image) {}
