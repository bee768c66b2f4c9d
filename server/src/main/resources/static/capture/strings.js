// Every piece of text the capture page shows or announces, in one place (English).
// A translation replaces this file; capture.js never contains user-facing text.
"use strict";
window.BONAFIDE_STRINGS = Object.freeze({
  pageTitle: "Face check",
  loading: "Loading…",

  startTitle: "Check that it's really you",
  startIntro:
    "We'll use your camera for about 30 seconds to check that a real person is taking part, live.",
  startSteps: [
    "Find a well-lit place and hold your device at eye level.",
    "Fit your face inside the oval.",
    "The screen will change colour for a few seconds: keep still and look at the screen.",
    "Then follow the instructions one at a time: turn your head, blink, and so on.",
  ],
  photosensitivityTitle: "Photosensitivity warning",
  photosensitivity:
    "During the check the whole screen flashes bright colours, up to 3 times per second, for a few seconds. " +
    "If you have photosensitive epilepsy or are sensitive to flashing light, do not continue: ask for another way to verify.",
  startButton: "Start",
  privacy: "Your camera images are sent only to the service that asked you to do this check.",
  recordNote: "This capture is recorded as a bona fide sample for evaluation.",

  cameraTitle: "Allow camera access",
  cameraAsk: "Your browser will ask for permission to use the camera. Please allow it.",
  cameraDenied:
    "Camera access was blocked. Allow the camera for this page in your browser's settings, then try again.",
  cameraMissing: "No camera was found. Connect a camera, or open this link on a phone, then try again.",
  cameraBusy: "The camera is in use by another app. Close that app, then try again.",
  cameraUnsupported:
    "This browser cannot use the camera here. Open the link in an up-to-date browser (Chrome, Safari, Firefox or Edge).",
  cameraInsecure:
    "The camera can only be used over a secure (https) connection. Open the link exactly as you received it.",
  cameraRetry: "Try again",

  connecting: "Connecting…",

  alignTitle: "Line up your face",
  alignHint: "Fit your face inside the oval and look at the screen.",
  alignVideoLabel: "Camera preview (mirrored)",
  feedbackChecking: "Checking…",
  feedbackNoFace: "We can't see a face. Move your face into the oval.",
  feedbackManyFaces: "We can see more than one face. Make sure only you are in view.",
  feedbackTooDark: "It's too dark. Move to a brighter place or face a light.",
  feedbackTooBright: "It's too bright. Move away from direct light behind or in front of you.",
  feedbackTooSmall: "Move closer to the camera.",
  feedbackBlurred: "The image is blurred. Hold still, and clean the camera lens if needed.",
  feedbackCutOff: "Move so that your whole face is inside the oval.",
  feedbackOffAngle: "Look straight at the screen.",
  feedbackCovered: "Make sure nothing covers your face.",
  feedbackEyesClosed: "Keep your eyes open.",
  feedbackGood: "Good. Hold it there…",
  alignContinue: "Start anyway",
  feedbackUnavailable: "Checking your position is taking a while. We'll start shortly.",

  getReady: "Get ready…",
  prompts: Object.freeze({
    hold_still: "Hold still and look at the screen",
    turn_left: "Turn your head to your left",
    turn_right: "Turn your head to your right",
    look_up: "Look up",
    look_down: "Look down",
    blink: "Blink",
    hand_sweep: "Move a hand slowly across your face",
    profile_left: "Turn your head to your left until we see your side",
    profile_right: "Turn your head to your right until we see your side",
  }),
  // Short second line under a prompt.
  promptDetails: Object.freeze({
    hold_still: "The screen will change colour.",
    turn_left: "Then face the screen again.",
    turn_right: "Then face the screen again.",
    look_up: "Then face the screen again.",
    look_down: "Then face the screen again.",
    blink: "Close your eyes briefly, then open them.",
    hand_sweep: "Then take it away again.",
    profile_left: "Go as far as your ear faces the camera, then face the screen again.",
    profile_right: "Go as far as your ear faces the camera, then face the screen again.",
  }),
  stepOf: "Step {n} of {total}",
  secondsLeft: "{s} s",

  uploadingTitle: "Sending your capture",
  uploadingProgress: "Sent {done} of {total} images",
  uploadingRetry: "The connection is slow. Still trying… keep this page open.",
  finishingTitle: "Checking",
  finishing: "Please wait a moment, and keep this page open.",

  passedTitle: "All done",
  passed: "Thank you. Your check is complete. You can close this page and go back to where you started.",
  failedTitle: "We could not verify you",
  failed: "We could not complete the check this time. Go back to where you started for next steps.",
  retryTitle: "Please try again",
  retry: "We need you to do the check again. Go back to where you started and open a new link.",
  retryTipsTitle: "Tips for next time",
  retryTips: Object.freeze({
    generic: "Use a well-lit place, keep your whole face in the oval, and follow each instruction while it is on screen.",
    "too-dark": "Find a brighter place, or face a window or a lamp.",
    "too-bright": "Avoid strong light directly behind or in front of you.",
    "no-face": "Keep your whole face inside the oval the whole time.",
    "multiple-faces": "Make sure nobody else is in view.",
    "face-too-small": "Hold the camera closer to your face.",
    blurred: "Hold the device steady, and clean the camera lens.",
    "movement-too-fast": "Move your head a little more slowly.",
    "profile-turn-not-seen": "When asked to show your side, turn your head further, until your ear faces the camera, then turn back.",
    "capture-too-short": "Keep this page open and in front until the check has finished.",
    "colour-frames-insufficient": "Keep your face inside the oval while the screen changes colour.",
  }),
  pendingTitle: "We received your capture",
  pending: "The result will be sent to the service that asked you to do this check. You can close this page.",

  errorTitle: "Something went wrong",
  linkTitle: "This link can't be used",
  linkInvalid: "This link is not valid. Go back to where you started and ask for a new link.",
  linkUsed: "This link has already been used. Each link works once: go back to where you started and ask for a new link.",
  linkExpired: "This link has expired. Go back to where you started and ask for a new link.",
  sessionExpired: "This check took too long and has expired. Go back to where you started and ask for a new link.",
  network: "We couldn't reach the service. Check your connection and try again later.",
  uploadFailed: "We couldn't send your capture. Check your connection, then try again: nothing is lost while this page stays open.",
  uploadRetry: "Try again",
  unexpected: "Something unexpected happened. Go back to where you started and try again.",
});
