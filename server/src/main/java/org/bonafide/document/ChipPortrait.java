package org.bonafide.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jmrtd.lds.ImageInfo;
import org.jmrtd.lds.icao.DG2File;
import org.jmrtd.lds.iso19794.FaceImageInfo;
import org.jmrtd.lds.iso19794.FaceInfo;
import org.jmrtd.lds.iso39794.FaceImageDataBlock;
import org.jmrtd.lds.iso39794.FaceImageRepresentationBlock;

/**
 * The holder's portrait from DG2 (ISO/IEC 19794-5 or 39794-5 inside ICAO's CBEFF wrapper), decoded
 * from JPEG or JPEG 2000. A portrait that cannot be decoded is reported, never a failed chip check:
 * the chip's authenticity does not depend on this server's image decoders.
 */
final class ChipPortrait {
  /** Portraits are about 0.3 megapixels; more than this is refused undecoded. */
  static final long MAX_PIXELS = 16_000_000;

  private ChipPortrait() {}

  /**
   * The decoded portrait, or a problem.
   *
   * @param image the first face image, when it decoded
   * @param details MIME type, size and, when it did not decode, why ({@code problem})
   */
  record Decoded(Optional<BufferedImage> image, Map<String, Object> details) {
    Optional<String> problem() {
      return Optional.ofNullable((String) details.get("problem"));
    }
  }

  static Decoded decode(byte[] dg2) {
    Map<String, Object> details = new LinkedHashMap<>();
    ImageInfo info;
    try {
      info = firstImage(new DG2File(new ByteArrayInputStream(dg2)));
    } catch (Exception e) {
      details.put("problem", "DG2 cannot be parsed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return new Decoded(Optional.empty(), details);
    }
    if (info == null) {
      details.put("problem", "DG2 holds no face image");
      return new Decoded(Optional.empty(), details);
    }
    String mime = info.getMimeType();
    details.put("mediaType", mime);
    byte[] encoded = new byte[info.getImageLength()];
    try (DataInputStream in = new DataInputStream(info.getImageInputStream())) {
      in.readFully(encoded);
    } catch (Exception e) {
      details.put("problem", "the face image cannot be read from DG2: " + e.getMessage());
      return new Decoded(Optional.empty(), details);
    }
    details.put("bytes", encoded.length);
    Iterator<ImageReader> readers = mime == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReadersByMIMEType(mime);
    if (!readers.hasNext()) {
      details.put("problem", "no image decoder for " + mime + " is installed");
      return new Decoded(Optional.empty(), details);
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
      reader.setInput(in, true, true);
      long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
      if (pixels > MAX_PIXELS) {
        details.put("problem", "the face image declares " + pixels + " pixels, more than " + MAX_PIXELS);
        return new Decoded(Optional.empty(), details);
      }
      BufferedImage image = reader.read(0);
      details.put("width", image.getWidth());
      details.put("height", image.getHeight());
      return new Decoded(Optional.of(image), details);
    } catch (Exception e) {
      details.put("problem", "the " + mime + " face image cannot be decoded: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return new Decoded(Optional.empty(), details);
    } finally {
      reader.dispose();
    }
  }

  private static ImageInfo firstImage(DG2File dg2) {
    for (var block : dg2.getSubRecords()) {
      if (block instanceof FaceInfo face) {
        for (FaceImageInfo image : face.getFaceImageInfos()) {
          return image;
        }
      } else if (block instanceof FaceImageDataBlock data) {
        for (FaceImageRepresentationBlock image : data.getRepresentationBlocks()) {
          return image;
        }
      }
    }
    return null;
  }
}
