package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the liveness analysis and of each detector, under {@code bonafide.detectors}. A new
 * instance holds the defaults documented in {@code docs/liveness.md}; {@link
 * LivenessAnalyzers#withDefaults} uses one as it is.
 */
@ConfigurationProperties("bonafide.detectors")
public class DetectorProperties {
  private final Analysis analysis = new Analysis();
  private final FacePresence facePresence = new FacePresence();
  private final Quality quality = new Quality();
  private final Movement movement = new Movement();
  private final Blink blink = new Blink();
  private final HandSweep handSweep = new HandSweep();
  private final ProfileTurn profileTurn = new ProfileTurn();
  private final BlendArtefacts blendArtefacts = new BlendArtefacts();
  private final HandSweepResponse handSweepResponse = new HandSweepResponse();
  private final ColourResponse colourResponse = new ColourResponse();
  private final SamePerson samePerson = new SamePerson();
  private final ReferenceMatch referenceMatch = new ReferenceMatch();
  private final ReferencePhoto referencePhoto = new ReferencePhoto();
  private final PassiveAttack passiveAttack = new PassiveAttack();
  private final Injection injection = new Injection();
  private final AnimatedPhoto animatedPhoto = new AnimatedPhoto();
  private final StaticTexture staticTexture = new StaticTexture();
  private final Replay replay = new Replay();
  private final LandmarkJitter landmarkJitter = new LandmarkJitter();
  private final BlendingSeam blendingSeam = new BlendingSeam();
  private final SkinTone skinTone = new SkinTone();
  private final Rppg rppg = new Rppg();

  public Analysis getAnalysis() {
    return analysis;
  }

  public FacePresence getFacePresence() {
    return facePresence;
  }

  public Quality getQuality() {
    return quality;
  }

  public Movement getMovement() {
    return movement;
  }

  public Blink getBlink() {
    return blink;
  }

  public BlendArtefacts getBlendArtefacts() {
    return blendArtefacts;
  }

  public ProfileTurn getProfileTurn() {
    return profileTurn;
  }

  public HandSweep getHandSweep() {
    return handSweep;
  }

  public HandSweepResponse getHandSweepResponse() {
    return handSweepResponse;
  }

  public ColourResponse getColourResponse() {
    return colourResponse;
  }

  public SamePerson getSamePerson() {
    return samePerson;
  }

  public ReferenceMatch getReferenceMatch() {
    return referenceMatch;
  }

  public ReferencePhoto getReferencePhoto() {
    return referencePhoto;
  }

  public PassiveAttack getPassiveAttack() {
    return passiveAttack;
  }

  public Injection getInjection() {
    return injection;
  }

  public StaticTexture getStaticTexture() {
    return staticTexture;
  }

  public Replay getReplay() {
    return replay;
  }

  public AnimatedPhoto getAnimatedPhoto() {
    return animatedPhoto;
  }

  public LandmarkJitter getLandmarkJitter() {
    return landmarkJitter;
  }

  public BlendingSeam getBlendingSeam() {
    return blendingSeam;
  }

  public SkinTone getSkinTone() {
    return skinTone;
  }

  public Rppg getRppg() {
    return rppg;
  }

  /** Settings every detector has. */
  public abstract static class Toggle {
    private boolean enabled = true;

    /** Whether the detector runs. */
    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** How frames are analysed (not a detector: no {@code enabled}). */
  public static class Analysis {
    private int threads = 2;
    private int attackScoreEvery = 3;

    /** Frames analysed in parallel (the face engine is thread-safe). */
    public int getThreads() {
      return threads;
    }

    public void setThreads(int threads) {
      this.threads = threads;
    }

    /** The passive attack model runs on every n-th frame with a face (it costs ~7 ms a frame). */
    public int getAttackScoreEvery() {
      return attackScoreEvery;
    }

    public void setAttackScoreEvery(int attackScoreEvery) {
      this.attackScoreEvery = attackScoreEvery;
    }
  }

  public static class FacePresence extends Toggle {
    private int minFrames = 30;
    private double maxNoFaceFraction = 0.2;
    private double maxMultipleFacesFraction = 0.1;

    /** Fewer frames than this: capture-too-short. */
    public int getMinFrames() {
      return minFrames;
    }

    public void setMinFrames(int minFrames) {
      this.minFrames = minFrames;
    }

    /** Share of frames (outside the hand sweep) without a face above which: no-face. */
    public double getMaxNoFaceFraction() {
      return maxNoFaceFraction;
    }

    public void setMaxNoFaceFraction(double maxNoFaceFraction) {
      this.maxNoFaceFraction = maxNoFaceFraction;
    }

    /** Share of frames with two or more faces above which: multiple-faces. */
    public double getMaxMultipleFacesFraction() {
      return maxMultipleFacesFraction;
    }

    public void setMaxMultipleFacesFraction(double maxMultipleFacesFraction) {
      this.maxMultipleFacesFraction = maxMultipleFacesFraction;
    }
  }

  public static class Quality extends Toggle {
    private double maxPoorFraction = 0.3;

    /**
     * Share of face frames (outside the hand sweep) with one quality issue (too dark, too bright,
     * blurred, too small, by the face engine's thresholds) above which that issue is the reason.
     */
    public double getMaxPoorFraction() {
      return maxPoorFraction;
    }

    public void setMaxPoorFraction(double maxPoorFraction) {
      this.maxPoorFraction = maxPoorFraction;
    }
  }

  public static class Movement extends Toggle {
    private double minAngle = 15;
    private double returnFraction = 0.5;
    private long minDurationMs = 300;
    private long graceMs = 600;

    /** Yaw or pitch change from the hold-still pose, in degrees, that counts as the movement. */
    public double getMinAngle() {
      return minAngle;
    }

    public void setMinAngle(double minAngle) {
      this.minAngle = minAngle;
    }

    /** Back toward neutral means below this fraction of min-angle after the peak. */
    public double getReturnFraction() {
      return returnFraction;
    }

    public void setReturnFraction(double returnFraction) {
      this.returnFraction = returnFraction;
    }

    /** From leaving neutral to being back, a movement shorter than this is movement-too-fast. */
    public long getMinDurationMs() {
      return minDurationMs;
    }

    public void setMinDurationMs(long minDurationMs) {
      this.minDurationMs = minDurationMs;
    }

    /** The response may run this long past its prompt's window (reaction time). */
    public long getGraceMs() {
      return graceMs;
    }

    public void setGraceMs(long graceMs) {
      this.graceMs = graceMs;
    }
  }

  public static class Blink extends Toggle {
    private double closedBelow = 0.35;
    private double openAbove = 0.6;
    private long graceMs = 600;
    private double meshClosure = 0.35;
    private long meshMaxClosedMs = 700;

    /** Mean open probability of both eyes below which they count as closed. */
    public double getClosedBelow() {
      return closedBelow;
    }

    public void setClosedBelow(double closedBelow) {
      this.closedBelow = closedBelow;
    }

    /** Mean open probability of both eyes above which they count as open. */
    public double getOpenAbove() {
      return openAbove;
    }

    public void setOpenAbove(double openAbove) {
      this.openAbove = openAbove;
    }

    /** The blink may run this long past its window. */
    public long getGraceMs() {
      return graceMs;
    }

    public void setGraceMs(long graceMs) {
      this.graceMs = graceMs;
    }

    /**
     * Share of the applicant's open eyelid aspect ratio (face mesh) the lids must lose for a frame
     * to count as (partly) closed; they count as open again within a third of it.
     */
    public double getMeshClosure() {
      return meshClosure;
    }

    public void setMeshClosure(double meshClosure) {
      this.meshClosure = meshClosure;
    }

    /** Longest the mesh may see the lids closed for a blink (longer is eyes shut, not a blink). */
    public long getMeshMaxClosedMs() {
      return meshMaxClosedMs;
    }

    public void setMeshMaxClosedMs(long meshMaxClosedMs) {
      this.meshMaxClosedMs = meshMaxClosedMs;
    }
  }

  public static class BlendArtefacts extends Toggle {
    private boolean enforce = false;
    private double maxMedian = 0.5;
    private double maxStepMedian = 0.6;
    private int minFrames = 4;

    /** Whether blend artefacts fail the capture (report-only by default; docs/liveness.md). */
    public boolean isEnforce() {
      return enforce;
    }

    public void setEnforce(boolean enforce) {
      this.enforce = enforce;
    }

    /** Median blend probability over the scored face frames from which the face counts as blended. */
    public double getMaxMedian() {
      return maxMedian;
    }

    public void setMaxMedian(double maxMedian) {
      this.maxMedian = maxMedian;
    }

    /** Median blend probability in one challenge step from which the face counts as blended. */
    public double getMaxStepMedian() {
      return maxStepMedian;
    }

    public void setMaxStepMedian(double maxStepMedian) {
      this.maxStepMedian = maxStepMedian;
    }

    /** Scored face frames (outside the hand sweep) needed to judge. */
    public int getMinFrames() {
      return minFrames;
    }

    public void setMinFrames(int minFrames) {
      this.minFrames = minFrames;
    }
  }

  public static class ProfileTurn extends Toggle {
    private double minAngle = 60;
    private double returnAngle = 25;
    private double minMeshConfidence = 0.5;
    private double identityMaxYaw = 40;
    private double identityFloor = 0.3;
    private long graceMs = 800;

    /** Yaw from the hold-still pose, by the face mesh, the turn must reach (degrees). */
    public double getMinAngle() {
      return minAngle;
    }

    public void setMinAngle(double minAngle) {
      this.minAngle = minAngle;
    }

    /** After the peak the yaw must come back within this many degrees of the hold-still pose. */
    public double getReturnAngle() {
      return returnAngle;
    }

    public void setReturnAngle(double returnAngle) {
      this.returnAngle = returnAngle;
    }

    /** The mesh's face flag at the peak of the turn must reach this. */
    public double getMinMeshConfidence() {
      return minMeshConfidence;
    }

    public void setMinMeshConfidence(double minMeshConfidence) {
      this.minMeshConfidence = minMeshConfidence;
    }

    /** Frames turned up to this yaw (degrees) must still resemble the frontal face. */
    public double getIdentityMaxYaw() {
      return identityMaxYaw;
    }

    public void setIdentityMaxYaw(double identityMaxYaw) {
      this.identityMaxYaw = identityMaxYaw;
    }

    /**
     * Cosine similarity to the capture's frontal identity below which a frame turned up to {@code
     * identity-max-yaw} counts as another face (well under the match threshold, which frontal pairs
     * are calibrated for).
     */
    public double getIdentityFloor() {
      return identityFloor;
    }

    public void setIdentityFloor(double identityFloor) {
      this.identityFloor = identityFloor;
    }

    /** The turn may run this long past its window. */
    public long getGraceMs() {
      return graceMs;
    }

    public void setGraceMs(long graceMs) {
      this.graceMs = graceMs;
    }
  }

  public static class HandSweep extends Toggle {
    private double scoreDrop = 0.1;
    private double occludedSimilarity = 0.4;
    private long graceMs = 600;
    private double handPresence = 0.5;
    private double handOverFace = 0.3;
    private double handOnCentre = 0.35;
    private int minHandFrames = 2;
    private double intactMeshConfidence = 0.9;

    /** Detection score this far below the hold-still median counts as covered. */
    public double getScoreDrop() {
      return scoreDrop;
    }

    public void setScoreDrop(double scoreDrop) {
      this.scoreDrop = scoreDrop;
    }

    /** Similarity to the capture's identity below this counts as covered (a hand hides features). */
    public double getOccludedSimilarity() {
      return occludedSimilarity;
    }

    public void setOccludedSimilarity(double occludedSimilarity) {
      this.occludedSimilarity = occludedSimilarity;
    }

    /** The sweep may run this long past its window. */
    public long getGraceMs() {
      return graceMs;
    }

    public void setGraceMs(long graceMs) {
      this.graceMs = graceMs;
    }

    /** The hand model's probability from which a hand counts as seen. */
    public double getHandPresence() {
      return handPresence;
    }

    public void setHandPresence(double handPresence) {
      this.handPresence = handPresence;
    }

    /** Share of the hand's 21 points inside the face's square for the hand to count as over the face. */
    public double getHandOverFace() {
      return handOverFace;
    }

    public void setHandOverFace(double handOverFace) {
      this.handOverFace = handOverFace;
    }

    /**
     * Distance of the hand's centre from the face's centre, over the face's side, within which the
     * hand hides the middle of the face (eyes, nose, mouth).
     */
    public double getHandOnCentre() {
      return handOnCentre;
    }

    public void setHandOnCentre(double handOnCentre) {
      this.handOnCentre = handOnCentre;
    }

    /** Frames with the hand on the face's centre needed before {@code face-over-hand} is judged. */
    public int getMinHandFrames() {
      return minHandFrames;
    }

    public void setMinHandFrames(int minHandFrames) {
      this.minHandFrames = minHandFrames;
    }

    /**
     * The mesh's face flag at or above which a face under a hand counts as intact (a real face
     * behind fingers loses the mesh's confidence where the hand is).
     */
    public double getIntactMeshConfidence() {
      return intactMeshConfidence;
    }

    public void setIntactMeshConfidence(double intactMeshConfidence) {
      this.intactMeshConfidence = intactMeshConfidence;
    }
  }

  public static class HandSweepResponse extends Toggle {
    private boolean enforce = false;
    private int minFrames = 3;
    private double minSharpnessRatio = 0.35;
    private double maxJitterRatio = 4.0;
    private long maxGapMs = 300;

    /**
     * Whether a smear or flicker fails the capture (hand-sweep-artefacts). Off by default: the
     * ratios are reported, not yet calibrated (docs/liveness.md).
     */
    public boolean isEnforce() {
      return enforce;
    }

    public void setEnforce(boolean enforce) {
      this.enforce = enforce;
    }

    /** Face frames needed in the sweep and in hold-still for the ratios. */
    public int getMinFrames() {
      return minFrames;
    }

    public void setMinFrames(int minFrames) {
      this.minFrames = minFrames;
    }

    /** Median sweep sharpness over the hold-still median below which the face smeared. */
    public double getMinSharpnessRatio() {
      return minSharpnessRatio;
    }

    public void setMinSharpnessRatio(double minSharpnessRatio) {
      this.minSharpnessRatio = minSharpnessRatio;
    }

    /** Median sweep landmark jitter over the hold-still median above which the face flickered. */
    public double getMaxJitterRatio() {
      return maxJitterRatio;
    }

    public void setMaxJitterRatio(double maxJitterRatio) {
      this.maxJitterRatio = maxJitterRatio;
    }

    /** Consecutive frames further apart than this are not a jitter triple. */
    public long getMaxGapMs() {
      return maxGapMs;
    }

    public void setMaxGapMs(long maxGapMs) {
      this.maxGapMs = maxGapMs;
    }
  }

  public static class ColourResponse extends Toggle {
    private int minFrames = 12;
    private long maxLagMs = 400;
    private long lagStepMs = 20;
    private double minCorrelation = 0.5;
    private double minHalfCorrelation = 0.3;
    private long maxLagSpreadMs = 150;
    private double minAmplitude = 0.002;
    private double minCentreEdgeRatio = 1.05;
    private double minFaceBackgroundRatio = 0;
    private int surrogates = 199;
    private double maxChanceProbability = 0.05;

    /**
     * Colour sequences, the challenge's colours in shuffled order on its timing, that the skin's
     * response is also correlated with, to tell how often chance alone correlates as well.
     */
    public int getSurrogates() {
      return surrogates;
    }

    public void setSurrogates(int surrogates) {
      this.surrogates = surrogates;
    }

    /**
     * Largest share of shuffled sequences allowed to correlate at least as well as the displayed
     * one (the chance that the response is a coincidence); above it: colour-response-mismatch.
     */
    public double getMaxChanceProbability() {
      return maxChanceProbability;
    }

    public void setMaxChanceProbability(double maxChanceProbability) {
      this.maxChanceProbability = maxChanceProbability;
    }

    /** Fewer face frames during the colours: colour-frames-insufficient. */
    public int getMinFrames() {
      return minFrames;
    }

    public void setMinFrames(int minFrames) {
      this.minFrames = minFrames;
    }

    /** Largest camera lag tried, in ms (candidates 0 to this). */
    public long getMaxLagMs() {
      return maxLagMs;
    }

    public void setMaxLagMs(long maxLagMs) {
      this.maxLagMs = maxLagMs;
    }

    /** Step between candidate lags. */
    public long getLagStepMs() {
      return lagStepMs;
    }

    public void setLagStepMs(long lagStepMs) {
      this.lagStepMs = lagStepMs;
    }

    /** Correlation of skin chromaticity with the displayed colours, at the best lag. */
    public double getMinCorrelation() {
      return minCorrelation;
    }

    public void setMinCorrelation(double minCorrelation) {
      this.minCorrelation = minCorrelation;
    }

    /** Each half of the sequence on its own must correlate at least this much. */
    public double getMinHalfCorrelation() {
      return minHalfCorrelation;
    }

    public void setMinHalfCorrelation(double minHalfCorrelation) {
      this.minHalfCorrelation = minHalfCorrelation;
    }

    /** Best lags of the two halves may differ by at most this. */
    public long getMaxLagSpreadMs() {
      return maxLagSpreadMs;
    }

    public void setMaxLagSpreadMs(long maxLagSpreadMs) {
      this.maxLagSpreadMs = maxLagSpreadMs;
    }

    /** RMS change of skin chromaticity below which the skin did not respond at all. */
    public double getMinAmplitude() {
      return minAmplitude;
    }

    public void setMinAmplitude(double minAmplitude) {
      this.minAmplitude = minAmplitude;
    }

    /** Response at the face's centre over its sides: a face lit from the front responds more centrally. */
    public double getMinCentreEdgeRatio() {
      return minCentreEdgeRatio;
    }

    public void setMinCentreEdgeRatio(double minCentreEdgeRatio) {
      this.minCentreEdgeRatio = minCentreEdgeRatio;
    }

    /**
     * Response of the skin over the far background's below which the scene is flat; 0 (the
     * default) reports the ratio without judging it.
     */
    public double getMinFaceBackgroundRatio() {
      return minFaceBackgroundRatio;
    }

    public void setMinFaceBackgroundRatio(double minFaceBackgroundRatio) {
      this.minFaceBackgroundRatio = minFaceBackgroundRatio;
    }
  }

  public static class SamePerson extends Toggle {
    private Double minSimilarity;
    private double maxOutlierFraction = 0.1;

    /** Similarity to the capture's identity below which a frame shows someone else (default: the face engine's match threshold). */
    public Double getMinSimilarity() {
      return minSimilarity;
    }

    public void setMinSimilarity(Double minSimilarity) {
      this.minSimilarity = minSimilarity;
    }

    /** Share of face frames (outside the hand sweep) allowed below min-similarity. */
    public double getMaxOutlierFraction() {
      return maxOutlierFraction;
    }

    public void setMaxOutlierFraction(double maxOutlierFraction) {
      this.maxOutlierFraction = maxOutlierFraction;
    }
  }

  /** Match against the reference photo, at the face engine's match threshold. */
  public static class ReferenceMatch extends Toggle {}

  public static class ReferencePhoto extends Toggle {
    private double maxSimilarity = 0.95;

    /**
     * The capture's identity this similar to the reference (cosine) is the reference photo itself,
     * not another photo of the same person.
     */
    public double getMaxSimilarity() {
      return maxSimilarity;
    }

    public void setMaxSimilarity(double maxSimilarity) {
      this.maxSimilarity = maxSimilarity;
    }
  }

  public static class PassiveAttack extends Toggle {
    private double maxMedianScore = 0.9;

    /** Median attack score (over the scored frames) above which: presentation-attack. */
    public double getMaxMedianScore() {
      return maxMedianScore;
    }

    public void setMaxMedianScore(double maxMedianScore) {
      this.maxMedianScore = maxMedianScore;
    }
  }

  public static class Injection extends Toggle {
    private List<String> virtualCameras =
        new ArrayList<>(
            List.of(
                "obs virtual",
                "obs-camera",
                "manycam",
                "xsplit",
                "snap camera",
                "e2esoft",
                "vcam",
                "splitcam",
                "camtwist",
                "youcam",
                "webcamoid",
                "virtual camera",
                "virtual cam",
                "dummy video device",
                "v4l2loopback",
                "akvcam",
                "mmhmm",
                "emulated camera",
                "android emulator",
                "goldfish",
                "virtualbox webcam",
                "fake_device"));
    private int minIntervals = 20;
    private double minIntervalStdMs = 0.6;
    private int maxRepeatedTimestamps = 1;
    private double identicalBelow = 0.1;
    private int maxRepeatRun = 4;
    private double maxRepeatedFraction = 0.75;
    private int maxLoopedFrames = 1;
    private int minNoisePairs = 10;
    private double minBackgroundNoise = 0.15;
    private List<String> emulators =
        new ArrayList<>(
            List.of(
                "sdk_gphone",
                "android sdk built for",
                "google_sdk",
                "emulator",
                "simulator",
                "genymotion",
                "vbox86",
                "ranchu",
                "goldfish",
                "generic_x86",
                "bluestacks",
                "microvirt"));
    private int frameSizeTolerance = 2;
    private int maxQualityDifference = 10;
    private boolean jpegMetadata = true;

    /**
     * Case-insensitive substrings of the camera label that name a virtual camera, a
     * camera-forwarding app or an emulator's camera: virtual-camera.
     */
    public List<String> getVirtualCameras() {
      return virtualCameras;
    }

    public void setVirtualCameras(List<String> virtualCameras) {
      this.virtualCameras = virtualCameras;
    }

    /** Frame intervals needed before their regularity is judged. */
    public int getMinIntervals() {
      return minIntervals;
    }

    public void setMinIntervals(int minIntervals) {
      this.minIntervals = minIntervals;
    }

    /** Standard deviation of the frame intervals, in ms, below which the timing is synthetic. */
    public double getMinIntervalStdMs() {
      return minIntervalStdMs;
    }

    public void setMinIntervalStdMs(double minIntervalStdMs) {
      this.minIntervalStdMs = minIntervalStdMs;
    }

    /** Frames allowed with the previous frame's timestamp (or an earlier one). */
    public int getMaxRepeatedTimestamps() {
      return maxRepeatedTimestamps;
    }

    public void setMaxRepeatedTimestamps(int maxRepeatedTimestamps) {
      this.maxRepeatedTimestamps = maxRepeatedTimestamps;
    }

    /** Mean absolute grey difference of the thumbnails below which two frames are the same picture. */
    public double getIdenticalBelow() {
      return identicalBelow;
    }

    public void setIdenticalBelow(double identicalBelow) {
      this.identicalBelow = identicalBelow;
    }

    /**
     * Longest allowed run of frames identical to their predecessor (a camera slowed down by a
     * dark room repeats a frame or two when the page captures faster than it delivers).
     */
    public int getMaxRepeatRun() {
      return maxRepeatRun;
    }

    public void setMaxRepeatRun(int maxRepeatRun) {
      this.maxRepeatRun = maxRepeatRun;
    }

    /** Share of frames identical to their predecessor above which the feed is stalled. */
    public double getMaxRepeatedFraction() {
      return maxRepeatedFraction;
    }

    public void setMaxRepeatedFraction(double maxRepeatedFraction) {
      this.maxRepeatedFraction = maxRepeatedFraction;
    }

    /**
     * Frames allowed to be identical to an earlier, not adjacent frame (a looped feed); a live
     * sensor's noise never repeats.
     */
    public int getMaxLoopedFrames() {
      return maxLoopedFrames;
    }

    public void setMaxLoopedFrames(int maxLoopedFrames) {
      this.maxLoopedFrames = maxLoopedFrames;
    }

    /** Consecutive frame pairs with enough static background needed to judge the sensor noise. */
    public int getMinNoisePairs() {
      return minNoisePairs;
    }

    public void setMinNoisePairs(int minNoisePairs) {
      this.minNoisePairs = minNoisePairs;
    }

    /**
     * Median temporal noise of the static background (mean absolute grey change left after
     * removing each block's mean change) below which: sensor-noise-missing.
     */
    public double getMinBackgroundNoise() {
      return minBackgroundNoise;
    }

    public void setMinBackgroundNoise(double minBackgroundNoise) {
      this.minBackgroundNoise = minBackgroundNoise;
    }

    /**
     * Case-insensitive substrings of the user agent, the client hints' {@code model} and {@code
     * platform}, and the native apps' {@code device} fields that name an Android emulator or app
     * player (Android Studio's {@code sdk_gphone…} and "Android SDK built for x86", Genymotion's
     * {@code vbox86p}, the emulator's {@code ranchu} and {@code goldfish} boards, BlueStacks, MEmu's
     * Microvirt): emulator.
     */
    public List<String> getEmulators() {
      return emulators;
    }

    public void setEmulators(List<String> emulators) {
      this.emulators = emulators;
    }

    /**
     * Pixels by which a frame's size (read from its JPEG header) may differ from the size the
     * reported video gives once scaled as the capture page scales it: device-inconsistent beyond.
     */
    public int getFrameSizeTolerance() {
      return frameSizeTolerance;
    }

    public void setFrameSizeTolerance(int frameSizeTolerance) {
      this.frameSizeTolerance = frameSizeTolerance;
    }

    /**
     * Largest difference between the declared JPEG quality ({@code capture.jpegQuality} x 100) and
     * the IJG quality of the frames' tables, judged only when the tables are scaled standard
     * tables: jpeg-traits-mismatch beyond. 100 or more switches the comparison off.
     */
    public int getMaxQualityDifference() {
      return maxQualityDifference;
    }

    public void setMaxQualityDifference(int maxQualityDifference) {
      this.maxQualityDifference = maxQualityDifference;
    }

    /**
     * Whether metadata a capture page's canvas never writes (COM comments, EXIF naming a camera or
     * software, XMP, APP13, APP14) fails with jpeg-traits-mismatch; false: only reported.
     */
    public boolean isJpegMetadata() {
      return jpegMetadata;
    }

    public void setJpegMetadata(boolean jpegMetadata) {
      this.jpegMetadata = jpegMetadata;
    }
  }

  public static class StaticTexture extends Toggle {
    private boolean enforce = false;
    private double closedBelow = 0.35;
    private double openAbove = 0.6;
    private long graceMs = 600;
    private long maxPairGapMs = 500;
    private double minEyeChange = 3.0;
    private double minTextureRatio = 0.2;

    /**
     * Whether a static texture fails the capture (eyes-move-texture-static). Off by default: the
     * ratio is reported, not yet calibrated on real blinks (docs/liveness.md).
     */
    public boolean isEnforce() {
      return enforce;
    }

    public void setEnforce(boolean enforce) {
      this.enforce = enforce;
    }

    /** Mean eye open probability below which a frame has the eyes closed. */
    public double getClosedBelow() {
      return closedBelow;
    }

    public void setClosedBelow(double closedBelow) {
      this.closedBelow = closedBelow;
    }

    /** Mean eye open probability above which a frame has the eyes open. */
    public double getOpenAbove() {
      return openAbove;
    }

    public void setOpenAbove(double openAbove) {
      this.openAbove = openAbove;
    }

    /** The blink may run this long past its window. */
    public long getGraceMs() {
      return graceMs;
    }

    public void setGraceMs(long graceMs) {
      this.graceMs = graceMs;
    }

    /** The open-eyed frame compared is at most this far from the closed one. */
    public long getMaxPairGapMs() {
      return maxPairGapMs;
    }

    public void setMaxPairGapMs(long maxPairGapMs) {
      this.maxPairGapMs = maxPairGapMs;
    }

    /** Mean grey change inside the eyes (0-255) needed for the comparison to say anything. */
    public double getMinEyeChange() {
      return minEyeChange;
    }

    public void setMinEyeChange(double minEyeChange) {
      this.minEyeChange = minEyeChange;
    }

    /** Change over the rest of the face over the change in the eyes below which: eyes-move-texture-static. */
    public double getMinTextureRatio() {
      return minTextureRatio;
    }

    public void setMinTextureRatio(double minTextureRatio) {
      this.minTextureRatio = minTextureRatio;
    }
  }

  public static class AnimatedPhoto extends Toggle {
    private double minTurn = 12;
    private int framesPerMovement = 3;
    private double minResidual = 0.03;

    /** Yaw or pitch change from the neutral pose, in degrees, a movement frame needs to be judged. */
    public double getMinTurn() {
      return minTurn;
    }

    public void setMinTurn(double minTurn) {
      this.minTurn = minTurn;
    }

    /** Frames of largest turn used per movement (their median residual counts). */
    public int getFramesPerMovement() {
      return framesPerMovement;
    }

    public void setFramesPerMovement(int framesPerMovement) {
      this.framesPerMovement = framesPerMovement;
    }

    /**
     * RMS landmark residual of the best planar (homography) fit from the neutral face to the
     * turned one, over the neutral inter-ocular distance, below which: no-parallax.
     */
    public double getMinResidual() {
      return minResidual;
    }

    public void setMinResidual(double minResidual) {
      this.minResidual = minResidual;
    }
  }

  /** Settings of the replay detector ({@link ReplayCheck}), which the session module runs. */
  public static class Replay extends Toggle {
    private int maxFineDistance = 24;
    private int maxFaceDistance = 16;
    private int minMatchedFrames = 8;
    private double minMatchedShare = 0.2;

    /** Differing bits (of 256) of the fine fingerprints at or below which two frames are the same. */
    public int getMaxFineDistance() {
      return maxFineDistance;
    }

    public void setMaxFineDistance(int maxFineDistance) {
      this.maxFineDistance = maxFineDistance;
    }

    /**
     * Differing bits (of 256) of the face-box fingerprints at or below which two faces are the same
     * picture; stricter than for whole frames, because two captures of one person's face are more
     * alike than two whole frames.
     */
    public int getMaxFaceDistance() {
      return maxFaceDistance;
    }

    public void setMaxFaceDistance(int maxFaceDistance) {
      this.maxFaceDistance = maxFaceDistance;
    }

    /** Matched frames from which a capture counts as replayed (with the share below). */
    public int getMinMatchedFrames() {
      return minMatchedFrames;
    }

    public void setMinMatchedFrames(int minMatchedFrames) {
      this.minMatchedFrames = minMatchedFrames;
    }

    /** Share of the capture's fingerprinted frames that must match. */
    public double getMinMatchedShare() {
      return minMatchedShare;
    }

    public void setMinMatchedShare(double minMatchedShare) {
      this.minMatchedShare = minMatchedShare;
    }
  }

  public static class LandmarkJitter extends Toggle {
    /** Retired: off unless enabled (docs/liveness.md, "Retired signals"). */
    public LandmarkJitter() {
      setEnabled(false);
    }

    private double maxJitter = 0.08;
    private int minTriples = 8;
    private long maxGapMs = 300;

    /**
     * Median high-frequency motion of the inner landmarks against the head's rigid motion, over the
     * inter-ocular distance, above which: landmark-jitter.
     */
    public double getMaxJitter() {
      return maxJitter;
    }

    public void setMaxJitter(double maxJitter) {
      this.maxJitter = maxJitter;
    }

    /** Runs of three consecutive face frames needed to judge; fewer: passed with a note. */
    public int getMinTriples() {
      return minTriples;
    }

    public void setMinTriples(int minTriples) {
      this.minTriples = minTriples;
    }

    /** Largest gap between consecutive frames of a triple, in milliseconds. */
    public long getMaxGapMs() {
      return maxGapMs;
    }

    public void setMaxGapMs(long maxGapMs) {
      this.maxGapMs = maxGapMs;
    }
  }

  public static class BlendingSeam extends Toggle {
    private boolean enforce = false;
    private double maxChromaStep = 0.06;
    private double maxSharpnessLogRatio = 2.5;
    private int minFrames = 5;

    /**
     * Whether a seam fails the capture; by default it is reported only: it fired on a real clip of
     * footage this project had never seen, and no passive signal may reject real footage alone.
     */
    public boolean isEnforce() {
      return enforce;
    }

    public void setEnforce(boolean enforce) {
      this.enforce = enforce;
    }

    /** Median red-green chromaticity step across the lower jaw outline above which: blending-seam. */
    public double getMaxChromaStep() {
      return maxChromaStep;
    }

    public void setMaxChromaStep(double maxChromaStep) {
      this.maxChromaStep = maxChromaStep;
    }

    /**
     * Median |ln(inner / outer Laplacian variance)| across the lower jaw outline above which:
     * blending-seam (a pasted face sharper or blurrier than its surroundings).
     */
    public double getMaxSharpnessLogRatio() {
      return maxSharpnessLogRatio;
    }

    public void setMaxSharpnessLogRatio(double maxSharpnessLogRatio) {
      this.maxSharpnessLogRatio = maxSharpnessLogRatio;
    }

    /** Face frames with both bands sampled needed to judge. */
    public int getMinFrames() {
      return minFrames;
    }

    public void setMinFrames(int minFrames) {
      this.minFrames = minFrames;
    }
  }

  public static class SkinTone extends Toggle {
    /** Retired: off unless enabled (docs/liveness.md, "Retired signals"). */
    public SkinTone() {
      setEnabled(false);
    }

    private double maxNeckDistance = 0.08;
    private double maxForeheadDistance = 0.06;
    private int minFrames = 5;

    /** Median red-green chromaticity distance, face centre to neck, above which: skin-tone-mismatch. */
    public double getMaxNeckDistance() {
      return maxNeckDistance;
    }

    public void setMaxNeckDistance(double maxNeckDistance) {
      this.maxNeckDistance = maxNeckDistance;
    }

    /** Median chromaticity distance, face centre to forehead, above which: skin-tone-mismatch. */
    public double getMaxForeheadDistance() {
      return maxForeheadDistance;
    }

    public void setMaxForeheadDistance(double maxForeheadDistance) {
      this.maxForeheadDistance = maxForeheadDistance;
    }

    /** Face frames (no colour on screen) needed to judge. */
    public int getMinFrames() {
      return minFrames;
    }

    public void setMinFrames(int minFrames) {
      this.minFrames = minFrames;
    }
  }

  public static class Rppg extends Toggle {
    /** Retired: off unless enabled (docs/liveness.md, "Retired signals"). */
    public Rppg() {
      setEnabled(false);
    }

    private boolean enforce = false;
    private double minSeconds = 6;
    private double minSnr = 1.0;
    private double maxFrequencyGapHz = 0.2;

    /**
     * Whether an absent pulse fails the capture (pulse-not-found). Off by default: the check only
     * reports (docs/liveness.md says why).
     */
    public boolean isEnforce() {
      return enforce;
    }

    public void setEnforce(boolean enforce) {
      this.enforce = enforce;
    }

    /** Shortest run of face frames, without screen colours or hand sweep, the check reads. */
    public double getMinSeconds() {
      return minSeconds;
    }

    public void setMinSeconds(double minSeconds) {
      this.minSeconds = minSeconds;
    }

    /** Power within 0.1 Hz of the pulse peak over the power of the rest of the 0.7-3 Hz band, at least. */
    public double getMinSnr() {
      return minSnr;
    }

    public void setMinSnr(double minSnr) {
      this.minSnr = minSnr;
    }

    /** Largest difference between the forehead's and the cheeks' peak frequencies, in Hz. */
    public double getMaxFrequencyGapHz() {
      return maxFrequencyGapHz;
    }

    public void setMaxFrequencyGapHz(double maxFrequencyGapHz) {
      this.maxFrequencyGapHz = maxFrequencyGapHz;
    }
  }
}
