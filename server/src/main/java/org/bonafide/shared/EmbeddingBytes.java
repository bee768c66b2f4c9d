package org.bonafide.shared;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How face embeddings are stored in {@code bytea} columns: float32, little-endian, one after the
 * other. Sessions, documents and the identity graph all keep them this way.
 */
public final class EmbeddingBytes {
  private EmbeddingBytes() {}

  public static byte[] encode(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer.array();
  }

  public static float[] decode(byte[] bytes) {
    float[] values = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }
}
