// Bonafide capture page: camera, alignment, the session's challenge, chunked frame upload, result.
// Plain JavaScript, no build step, no third-party code. The protocol is described in docs/capture.md.
"use strict";
(function () {
  const S = window.BONAFIDE_STRINGS;

  // Capture settings. The server analyses 10-15 fps; 12 keeps a 20 s challenge near 240 frames.
  const CAPTURE_FPS = 12;
  const JPEG_QUALITY = 0.85;
  const MAX_FRAME_WIDTH = 640;
  const CHUNK_FRAMES = 12;
  // Alignment: at most two preview checks per second, three good answers in a row to go on.
  const PREVIEW_INTERVAL_MS = 500;
  const STEADY_PREVIEWS = 3;
  const PREVIEW_FAILURES_BEFORE_SKIP = 3;
  const ALIGN_CONTINUE_AFTER_MS = 30000;
  // Frames before the first prompt (prompt null), so the analysis sees the face at rest.
  const LEAD_IN_MS = 1000;
  const STATUS_POLL_MS = 1000;
  const STATUS_TIMEOUT_MS = 120000;
  // Backoff for uploads and submit: about a minute of retries before asking the applicant.
  const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000];
  const RETRYABLE_STATUS = new Set([0, 408, 425, 429, 500, 502, 503, 504]);
  // Alignment issues that stop the capture from starting; the others are only advice.
  const BLOCKING_ISSUES = ["too-dark", "too-bright", "face-too-small", "face-cut-off", "occluded"];
  const ISSUE_FEEDBACK = {
    "too-dark": "feedbackTooDark",
    "too-bright": "feedbackTooBright",
    "face-too-small": "feedbackTooSmall",
    "face-cut-off": "feedbackCutOff",
    occluded: "feedbackCovered",
    blurred: "feedbackBlurred",
    blurry: "feedbackBlurred",
    "off-angle": "feedbackOffAngle",
    "eyes-closed": "feedbackEyesClosed",
  };
  const PROMPT_ICONS = {
    hold_still: ["icon-still", ""],
    turn_left: ["icon-arrow", "dir-left"],
    turn_right: ["icon-arrow", "dir-right"],
    look_up: ["icon-arrow", "dir-up"],
    look_down: ["icon-arrow", "dir-down"],
    blink: ["icon-eye", ""],
    hand_sweep: ["icon-hand", ""],
    profile_left: ["icon-profile", "mirror"],
    profile_right: ["icon-profile", ""],
  };

  const $ = (id) => document.getElementById(id);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  const format = (template, values) =>
    template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));

  /** A refused or failed call; status 0 when the network failed before any answer. */
  class CallError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || "HTTP " + status);
      this.status = status;
      this.problem = problem || {};
      this.code = this.problem.code || null;
    }
    get retryable() {
      return RETRYABLE_STATUS.has(this.status);
    }
  }

  // ---- state ----
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
  const sessionId = fragment.get("session");
  const captureToken = fragment.get("token");
  const state = {
    stream: null,
    grant: null, // the capture token's answer: challenge, upload token, limits
    telemetry: null,
    frames: [], // {index, timestampMs, prompt, screen, blob}, index order
    stored: new Set(),
    capturing: false,
    encoding: Promise.resolve(),
    drawn: 0,
    t0: 0,
    shown: { prompt: null, screen: null }, // what the applicant can see right now
    displaySeq: 0,
    appliedSeq: 0,
    fatal: null,
    wakeUp: null,
    uploadSlow: false,
    wakeLock: null,
    hints: null, // high-entropy client hints (device model), where the browser gives them
    frameSize: null, // the canvas size of the first captured frame, "WxH"
    frameSizeChanges: 0,
  };
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { alpha: false });

  // ---- screens ----
  function fillTexts() {
    document.title = S.pageTitle;
    document.querySelectorAll("[data-text]").forEach((element) => {
      element.textContent = S[element.dataset.text];
    });
    const steps = $("start-steps");
    S.startSteps.forEach((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      steps.appendChild(item);
    });
  }

  function showScreen(name) {
    document.querySelectorAll(".screen").forEach((section) => {
      section.hidden = section.id !== "screen-" + name;
    });
    $("app").dataset.screen = name;
    const heading = $("screen-" + name).querySelector("h1");
    if (heading) {
      heading.focus({ preventScroll: false });
    }
  }

  /** A message screen; with an action, a button that runs it. */
  function showMessage(title, text, action, actionLabel, isError) {
    $("message-title").textContent = title;
    $("message-text").textContent = text;
    $("message-icon").hidden = !isError;
    const button = $("message-button");
    button.hidden = !action;
    button.disabled = false;
    button.onclick = null;
    if (action) {
      button.textContent = actionLabel;
      button.onclick = () => {
        button.disabled = true;
        action();
      };
    }
    showScreen("message");
    if (action && isError) {
      button.focus();
    }
  }

  function showError(text) {
    stopCapture();
    setBackdrop(null);
    document.body.classList.remove("capturing");
    const linkProblem = [S.linkInvalid, S.linkUsed, S.linkExpired, S.sessionExpired].includes(text);
    showMessage(linkProblem ? S.linkTitle : S.errorTitle, text, null, null, true);
  }

  function announce(text) {
    const announcer = $("announcer");
    announcer.textContent = "";
    // a new text node in a later task, so that repeated prompts are announced again
    setTimeout(() => {
      announcer.textContent = text;
    }, 30);
  }

  function setBackdrop(colour) {
    $("backdrop").style.background = colour || "";
    document.body.classList.toggle("flashing", Boolean(colour));
  }

  /**
   * Shows a prompt and a screen colour, and records them as what is on screen from the next
   * animation frame (when the browser paints them), so frame metadata matches the display.
   */
  function display(prompt, screen) {
    setBackdrop(screen);
    const seq = ++state.displaySeq;
    const apply = () => {
      if (seq > state.appliedSeq) {
        state.appliedSeq = seq;
        state.shown = { prompt: prompt, screen: screen };
      }
    };
    requestAnimationFrame(apply);
    setTimeout(apply, 50); // hidden tabs get no animation frames
  }

  /** The prompt now on screen, also as data-prompt for styling and for tests. */
  function setStage(title, detail, step, icon, prompt) {
    $("screen-stage").dataset.prompt = prompt || "";
    $("stage-title").textContent = title;
    $("stage-detail").textContent = detail || "";
    $("stage-step").textContent = step || "";
    const svg = $("prompt-icon");
    // an SVG element has no hidden property: set the attribute
    svg.toggleAttribute("hidden", !icon);
    if (icon) {
      svg.setAttribute("class", "prompt-icon " + icon[1]);
      svg.querySelector("use").setAttribute("href", "#" + icon[0]);
    }
  }

  function setFeedback(text, good) {
    const feedback = $("feedback");
    if (feedback.textContent !== text) {
      feedback.textContent = text;
    }
    feedback.classList.toggle("good", Boolean(good));
    $("oval").classList.toggle("good", Boolean(good));
  }

  // ---- HTTP ----
  function apiUrl(path) {
    // the page is served at <base>/capture/, the API at <base>/v1/...
    return new URL("../v1/sessions/" + encodeURIComponent(sessionId) + "/" + path, location.href).toString();
  }

  async function call(path, options) {
    const headers = { Authorization: "Bearer " + options.token, Accept: "application/json, application/problem+json" };
    let body;
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options.form) {
      body = options.form;
    }
    let response;
    try {
      response = await fetch(apiUrl(path), {
        method: options.method || "POST",
        headers: headers,
        body: body,
        cache: "no-store",
        credentials: "omit",
        referrerPolicy: "no-referrer",
      });
    } catch (networkFailure) {
      throw new CallError(0, null);
    }
    const text = await response.text().catch(() => "");
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (notJson) {
      data = null;
    }
    if (!response.ok) {
      throw new CallError(response.status, data);
    }
    return data;
  }

  async function withRetry(action, onRetry) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await action();
      } catch (error) {
        if (!(error instanceof CallError) || !error.retryable || attempt >= RETRY_DELAYS_MS.length) {
          throw error;
        }
        if (onRetry) {
          onRetry(error, attempt);
        }
        await sleep(RETRY_DELAYS_MS[attempt] * (0.75 + Math.random() * 0.5));
      }
    }
  }

  /** The message for an error that ends the capture. */
  function errorText(error) {
    if (!(error instanceof CallError)) {
      return S.unexpected;
    }
    if (error.status === 0 || error.retryable) {
      return S.network;
    }
    switch (error.code) {
      case "capture-token-used":
        return S.linkUsed;
      case "session-expired":
        return S.sessionExpired;
      case "unauthenticated":
        return S.linkInvalid;
      default:
        break;
    }
    if (error.status === 410) {
      return S.sessionExpired;
    }
    if (error.status === 401 || error.status === 404) {
      return S.linkInvalid;
    }
    return S.unexpected;
  }

  // ---- camera ----
  async function openCamera() {
    if (!window.isSecureContext) {
      throw Object.assign(new Error("insecure"), { name: "InsecureContext" });
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      throw Object.assign(new Error("unsupported"), { name: "NotSupportedError" });
    }
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        facingMode: "user",
        width: { ideal: 640 },
        height: { ideal: 480 },
        frameRate: { ideal: 15, max: 30 },
      },
    });
    const video = $("preview");
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    const started = performance.now();
    while (video.videoWidth === 0 && performance.now() - started < 5000) {
      await sleep(50);
    }
    return stream;
  }

  function cameraErrorText(error) {
    switch (error && error.name) {
      case "NotAllowedError":
      case "PermissionDeniedError":
      case "SecurityError":
        return S.cameraDenied;
      case "NotFoundError":
      case "DevicesNotFoundError":
      case "OverconstrainedError":
        return S.cameraMissing;
      case "NotReadableError":
      case "TrackStartError":
      case "AbortError":
        return S.cameraBusy;
      case "InsecureContext":
        return S.cameraInsecure;
      default:
        return S.cameraUnsupported;
    }
  }

  function stopCamera() {
    if (state.stream) {
      state.stream.getTracks().forEach((track) => track.stop());
      state.stream = null;
    }
  }

  function collectTelemetry(stream) {
    const track = stream.getVideoTracks()[0];
    const settings = track && track.getSettings ? track.getSettings() : {};
    let capabilities = null;
    try {
      if (track && track.getCapabilities) {
        const all = track.getCapabilities();
        capabilities = {
          width: all.width || null,
          height: all.height || null,
          frameRate: all.frameRate || null,
          facingMode: all.facingMode || null,
          resizeMode: all.resizeMode || null,
        };
      }
    } catch (unsupported) {
      capabilities = null;
    }
    let timezone = null;
    try {
      timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch (unsupported) {
      timezone = null;
    }
    const video = $("preview");
    const uaData = navigator.userAgentData;
    return withoutNulls({
      deviceId: deviceId(),
      cameraLabel: track ? track.label : null,
      trackSettings: {
        width: settings.width || null,
        height: settings.height || null,
        frameRate: settings.frameRate || null,
        facingMode: settings.facingMode || null,
        aspectRatio: settings.aspectRatio || null,
        resizeMode: settings.resizeMode || null,
      },
      capabilities: capabilities,
      videoWidth: video.videoWidth,
      videoHeight: video.videoHeight,
      userAgent: navigator.userAgent,
      userAgentData: uaData
        ? {
            brands: uaData.brands || [],
            mobile: Boolean(uaData.mobile),
            platform: uaData.platform || null,
            model: (state.hints && state.hints.model) || null,
            platformVersion: (state.hints && state.hints.platformVersion) || null,
          }
        : null,
      screen: {
        width: screen.width,
        height: screen.height,
        availWidth: screen.availWidth,
        availHeight: screen.availHeight,
        orientation: screen.orientation ? screen.orientation.type : null,
      },
      viewport: { width: window.innerWidth, height: window.innerHeight },
      devicePixelRatio: window.devicePixelRatio,
      maxTouchPoints: navigator.maxTouchPoints || 0,
      language: navigator.language || null,
      timezone: timezone,
      capture: {
        targetFps: CAPTURE_FPS,
        jpegQuality: JPEG_QUALITY,
        maxWidth: MAX_FRAME_WIDTH,
        frameSizeChanges: state.frameSizeChanges,
      },
    });
  }

  /**
   * This browser's device id: a random id kept in local storage, so that applications made from one
   * browser can be linked; null where storage is unavailable (some private windows).
   */
  function deviceId() {
    const key = "bonafide.deviceId";
    try {
      let id = window.localStorage.getItem(key);
      if (!id || !/^[0-9a-f]{32}$/.test(id)) {
        id = crypto.randomUUID().replace(/-/g, "");
        window.localStorage.setItem(key, id);
      }
      return id;
    } catch (unavailable) {
      return null;
    }
  }

  /** The device model and OS version from the client hints (Chromium browsers), or null. */
  async function highEntropyHints() {
    const uaData = navigator.userAgentData;
    if (!uaData || !uaData.getHighEntropyValues) {
      return null;
    }
    try {
      return await Promise.race([
        uaData.getHighEntropyValues(["model", "platformVersion"]),
        sleep(1000).then(() => null),
      ]);
    } catch (unavailable) {
      return null;
    }
  }

  /** The object without its null entries: an absent value says the same, and some readers reject null. */
  function withoutNulls(object) {
    const out = {};
    Object.keys(object).forEach((key) => {
      const value = object[key];
      if (value !== null && value !== undefined) {
        out[key] = value && typeof value === "object" && !Array.isArray(value) ? withoutNulls(value) : value;
      }
    });
    return out;
  }

  // ---- frames ----
  function sizeCanvas() {
    const video = $("preview");
    const scale = Math.min(1, MAX_FRAME_WIDTH / video.videoWidth);
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    // the server reads each frame's size from its JPEG header; this says whether the page saw it change
    const size = width + "x" + height;
    if (state.capturing && state.frameSize !== size) {
      if (state.frameSize !== null) {
        state.frameSizeChanges++;
      }
      state.frameSize = size;
    }
  }

  /** The current camera image as a JPEG blob (unmirrored, as the camera sees it). */
  function grabJpeg() {
    sizeCanvas();
    context.drawImage($("preview"), 0, 0, canvas.width, canvas.height);
    return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", JPEG_QUALITY));
  }

  /**
   * Captures one frame with the prompt and colour on screen now. Indices are given in drawing
   * order once encoding succeeded, so they stay contiguous and follow the timestamps.
   */
  function captureFrame() {
    const limits = state.grant.limits || {};
    if (state.drawn >= (limits.maxFrames || 600)) {
      return;
    }
    state.drawn++;
    const timestampMs = Math.round(performance.now() - state.t0);
    const prompt = state.shown.prompt;
    const screenColour = state.shown.screen;
    const encoded = grabJpeg();
    state.encoding = state.encoding.then(() =>
      encoded.then((blob) => {
        if (!blob || (limits.maxFrameBytes && blob.size > limits.maxFrameBytes)) {
          return;
        }
        state.frames.push({
          index: state.frames.length,
          timestampMs: timestampMs,
          prompt: prompt,
          screen: screenColour,
          blob: blob,
        });
        wake();
      })
    );
  }

  function startCapture() {
    // the camera may have settled on another size since the start: report the one captured now
    state.telemetry = collectTelemetry(state.stream);
    state.capturing = true;
    state.t0 = performance.now();
    const interval = 1000 / CAPTURE_FPS;
    let next = state.t0;
    const tick = () => {
      if (!state.capturing) {
        return;
      }
      captureFrame();
      next += interval;
      const now = performance.now();
      if (next < now) {
        next = now + interval / 2; // late (busy device): skip rather than burst
      }
      state.timer = setTimeout(tick, next - now);
    };
    tick();
  }

  function stopCapture() {
    state.capturing = false;
    clearTimeout(state.timer);
    wake();
  }

  // ---- upload queue ----
  function wake() {
    if (state.wakeUp) {
      const resolve = state.wakeUp;
      state.wakeUp = null;
      resolve();
    }
  }

  function waitForWork() {
    return new Promise((resolve) => {
      state.wakeUp = resolve;
    });
  }

  function pendingFrames() {
    return state.frames.filter((frame) => !state.stored.has(frame.index));
  }

  /**
   * Sends frames in chunks as they are captured, one request at a time, retrying a failed chunk
   * as a whole (the server takes identical frames again). Resolves when capture has ended and
   * every frame is stored; rejects when a chunk is refused or the retries run out.
   */
  async function uploadWorker() {
    for (;;) {
      const pending = pendingFrames();
      const chunkSize = Math.min(CHUNK_FRAMES, (state.grant.limits || {}).maxFramesPerRequest || CHUNK_FRAMES);
      if (pending.length >= chunkSize || (pending.length > 0 && !state.capturing)) {
        await sendChunk(pending.slice(0, chunkSize));
        continue;
      }
      if (!state.capturing && pending.length === 0) {
        await state.encoding;
        if (pendingFrames().length === 0) {
          return;
        }
        continue;
      }
      await waitForWork();
    }
  }

  async function sendChunk(chunk) {
    await withRetry(
      async () => {
        const form = new FormData();
        const metadata = {
          frames: chunk.map((frame) => ({
            index: frame.index,
            timestampMs: frame.timestampMs,
            prompt: frame.prompt,
            screen: frame.screen,
          })),
          telemetry: Object.assign({}, state.telemetry, {
            capture: Object.assign({}, state.telemetry.capture, { frameSizeChanges: state.frameSizeChanges }),
          }),
        };
        form.append("metadata", new Blob([JSON.stringify(metadata)], { type: "application/json" }));
        chunk.forEach((frame) => form.append("frames", frame.blob, "frame-" + frame.index + ".jpg"));
        await call("frames", { token: state.grant.uploadToken, form: form });
        chunk.forEach((frame) => state.stored.add(frame.index));
        state.uploadSlow = false;
        updateUploadProgress();
      },
      () => {
        state.uploadSlow = true;
        updateUploadProgress();
      }
    );
  }

  function updateUploadProgress() {
    if ($("app").dataset.screen !== "upload") {
      return;
    }
    const total = state.frames.length;
    const done = Math.min(state.stored.size, total);
    const percent = total ? Math.round((100 * done) / total) : 0;
    $("upload-fill").style.width = percent + "%";
    $("upload-bar").setAttribute("aria-valuenow", String(percent));
    const text = state.uploadSlow ? S.uploadingRetry : format(S.uploadingProgress, { done: done, total: total });
    if ($("upload-text").textContent !== text) {
      $("upload-text").textContent = text;
    }
  }

  // ---- flow ----
  async function begin() {
    $("start-button").disabled = true;
    showMessage(S.cameraTitle, S.cameraAsk);
    try {
      state.stream = state.stream || (await openCamera());
    } catch (error) {
      stopCamera();
      showMessage(S.cameraTitle, cameraErrorText(error), begin, S.cameraRetry, true);
      return;
    }
    // The token is redeemed only now, so that a refused camera does not use up the link.
    if (!state.grant) {
      showMessage(S.connecting, "");
      try {
        state.grant = await call("capture", { token: captureToken });
      } catch (error) {
        // before the capture began, an expired session is an expired link
        showError(error instanceof CallError && error.status === 410 ? S.linkExpired : errorText(error));
        stopCamera();
        return;
      }
    }
    state.hints = state.hints || (await highEntropyHints());
    state.telemetry = collectTelemetry(state.stream);
    $("record-note").hidden = !state.grant.record;
    try {
      await align();
      await runChallenge();
    } catch (error) {
      stopCamera();
      showError(errorText(error));
      return;
    }
    stopCamera();
    await finish();
  }

  /** Live feedback from the server until one face is seen steadily in good light. */
  async function align() {
    setStage(S.alignTitle, S.alignHint, "", null);
    $("screen-stage").dataset.phase = "align";
    $("countdown").hidden = true;
    setFeedback(S.feedbackChecking, false);
    showScreen("stage");
    const continueButton = $("continue-button");
    let skip = false;
    continueButton.onclick = () => {
      skip = true;
    };
    const started = performance.now();
    let steady = 0;
    let failures = 0;
    try {
      while (!skip) {
        const asked = performance.now();
        let answer = null;
        try {
          const blob = await grabJpeg();
          const form = new FormData();
          form.append("frame", blob, "preview.jpg");
          answer = await call("preview", { token: state.grant.uploadToken, form: form });
          failures = 0;
        } catch (error) {
          if (error instanceof CallError && !error.retryable && error.status !== 404) {
            throw error;
          }
          failures++;
        }
        if (answer) {
          const verdict = feedbackFor(answer);
          steady = verdict.good ? steady + 1 : 0;
          setFeedback(verdict.text, verdict.good);
          if (steady >= STEADY_PREVIEWS) {
            return;
          }
        } else if (failures >= PREVIEW_FAILURES_BEFORE_SKIP) {
          // The server's analysis decides in the end; a missing preview must not block the applicant.
          setFeedback(S.feedbackUnavailable, false);
          await sleep(1500);
          return;
        }
        if (performance.now() - started > ALIGN_CONTINUE_AFTER_MS && continueButton.hidden) {
          continueButton.hidden = false;
        }
        await sleep(PREVIEW_INTERVAL_MS - (performance.now() - asked));
      }
    } finally {
      continueButton.hidden = true;
      continueButton.onclick = null;
    }
  }

  function feedbackFor(answer) {
    const faces = Number(answer.faces) || 0;
    const issues = Array.isArray(answer.issues) ? answer.issues : [];
    if (faces === 0) {
      return { good: false, text: S.feedbackNoFace };
    }
    if (faces > 1) {
      return { good: false, text: S.feedbackManyFaces };
    }
    const blocking = BLOCKING_ISSUES.find((issue) => issues.includes(issue));
    if (blocking) {
      return { good: false, text: S[ISSUE_FEEDBACK[blocking]] };
    }
    return { good: true, text: S.feedbackGood };
  }

  /** Runs the challenge on a fixed schedule from its start, so timings do not drift. */
  async function runChallenge() {
    const challenge = state.grant.challenge || {};
    const prompts = Array.isArray(challenge.prompts) ? challenge.prompts : [];
    const colours = Array.isArray(challenge.colours) ? challenge.colours : [];
    document.body.classList.add("capturing");
    setFeedback("", false);
    requestWakeLock();

    display(null, null);
    setStage(S.getReady, "", "", null);
    $("screen-stage").dataset.phase = "capture";
    announce(S.getReady);
    startCapture();
    // after startCapture: the worker ends as soon as it finds capture over and nothing to send
    const worker = uploadWorker();
    state.upload = worker;
    worker.catch((error) => {
      state.fatal = state.fatal || error;
    });
    let deadline = state.t0 + LEAD_IN_MS;
    await until(deadline);

    const countdown = $("countdown");
    countdown.hidden = false;
    for (let i = 0; i < prompts.length; i++) {
      const step = prompts[i];
      const code = step.prompt;
      const stepStart = deadline;
      deadline = stepStart + step.durationMs;
      setStage(
        S.prompts[code] || code,
        S.promptDetails[code] || "",
        format(S.stepOf, { n: i + 1, total: prompts.length }),
        PROMPT_ICONS[code] || null,
        code
      );
      announce(S.prompts[code] || code);
      const progress = animateProgress(stepStart, step.durationMs);
      try {
        if (code === "hold_still" && colours.length) {
          let colourEnd = stepStart;
          for (const flash of colours) {
            display(code, flash.colour);
            colourEnd += flash.durationMs;
            await until(Math.min(colourEnd, deadline));
          }
          display(code, null);
        } else {
          display(code, null);
        }
        await until(deadline);
      } finally {
        progress.stop();
      }
    }
    stopCapture();
    display(null, null);
    countdown.hidden = true;
    document.body.classList.remove("capturing");
    releaseWakeLock();
  }

  async function until(deadline) {
    await sleep(deadline - performance.now());
    if (state.fatal) {
      throw state.fatal;
    }
  }

  function animateProgress(start, duration) {
    const fill = $("bar-fill");
    const seconds = $("seconds");
    let running = true;
    const frame = () => {
      if (!running) {
        return;
      }
      const elapsed = performance.now() - start;
      const fraction = Math.min(1, Math.max(0, elapsed / duration));
      fill.style.width = (100 * fraction).toFixed(1) + "%";
      seconds.textContent = format(S.secondsLeft, { s: Math.ceil(Math.max(0, duration - elapsed) / 1000) });
      requestAnimationFrame(frame);
    };
    frame();
    return {
      stop() {
        running = false;
      },
    };
  }

  async function requestWakeLock() {
    try {
      if (navigator.wakeLock) {
        state.wakeLock = await navigator.wakeLock.request("screen");
      }
    } catch (refused) {
      state.wakeLock = null;
    }
  }

  function releaseWakeLock() {
    if (state.wakeLock) {
      state.wakeLock.release().catch(() => undefined);
      state.wakeLock = null;
    }
  }

  /** Flushes the queue, submits (resending what the server misses), then waits for the outcome. */
  async function finish() {
    $("upload-title").textContent = S.uploadingTitle;
    showScreen("upload");
    updateUploadProgress();
    try {
      await state.upload;
      await submit();
    } catch (error) {
      if (error instanceof CallError && error.retryable) {
        // frames stay in memory: the applicant can try again without repeating the capture
        state.fatal = null;
        showMessage(S.errorTitle, S.uploadFailed, retryFinish, S.uploadRetry, true);
      } else {
        showError(errorText(error));
      }
      return;
    }
    $("upload-title").textContent = S.finishingTitle;
    $("upload-text").textContent = S.finishing;
    $("upload-fill").style.width = "100%";
    await pollOutcome();
  }

  function retryFinish() {
    state.upload = uploadWorker();
    finish();
  }

  async function submit() {
    for (let round = 0; ; round++) {
      try {
        await withRetry(() =>
          call("submit", {
            token: state.grant.uploadToken,
            json: { frameCount: state.frames.length, challengeSignature: state.grant.challengeSignature },
          })
        );
        return;
      } catch (error) {
        if (error instanceof CallError && error.code === "already-submitted") {
          return; // an earlier attempt got through; its answer was lost
        }
        if (error instanceof CallError && error.code === "upload-incomplete" && round < 3) {
          const missing = Array.isArray(error.problem.missing) ? error.problem.missing : [];
          missing.forEach((index) => state.stored.delete(index));
          updateUploadProgress();
          await uploadWorker();
          continue;
        }
        throw error;
      }
    }
  }

  async function pollOutcome() {
    const started = performance.now();
    while (performance.now() - started < STATUS_TIMEOUT_MS) {
      let status = null;
      try {
        status = await call("capture-status", { token: state.grant.uploadToken, method: "GET" });
      } catch (error) {
        if (!(error instanceof CallError) || !error.retryable) {
          showError(errorText(error));
          return;
        }
      }
      if (status && status.state === "analysed") {
        showOutcome(status.outcome, status.retryHints);
        return;
      }
      if (status && status.state === "expired") {
        showError(S.sessionExpired);
        return;
      }
      await sleep(STATUS_POLL_MS);
    }
    showEnd("pending", S.pendingTitle, S.pending, "icon-check", []);
  }

  function showOutcome(outcome, hints) {
    // Only the outcome is shown: detailed reasons would coach an attacker.
    if (outcome === "passed") {
      showEnd("passed", S.passedTitle, S.passed, "icon-check", []);
    } else if (outcome === "retry") {
      const tips = (Array.isArray(hints) ? hints : []).map((hint) => S.retryTips[hint]).filter(Boolean);
      showEnd("retry", S.retryTitle, S.retry, "icon-retry", tips.length ? tips : [S.retryTips.generic]);
    } else {
      showEnd("failed", S.failedTitle, S.failed, "icon-cross", []);
    }
  }

  function showEnd(kind, title, text, icon, tips) {
    $("end-icon").className = "end-icon " + kind;
    $("end-icon-use").setAttribute("href", "#" + icon);
    $("end-title").textContent = title;
    $("end-text").textContent = text;
    const list = $("end-tips-list");
    list.textContent = "";
    tips.forEach((tip) => {
      const item = document.createElement("li");
      item.textContent = tip;
      list.appendChild(item);
    });
    $("end-tips").hidden = tips.length === 0;
    $("screen-end").dataset.outcome = kind;
    showScreen("end");
  }

  // ---- start ----
  fillTexts();
  if (!sessionId || !captureToken || !/^[0-9a-fA-F-]{8,64}$/.test(sessionId)) {
    showMessage(S.linkTitle, S.linkInvalid, null, null, true);
  } else {
    $("start-button").addEventListener("click", begin);
    showScreen("start");
  }
})();
