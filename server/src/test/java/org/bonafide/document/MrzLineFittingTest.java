package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader's clean-up of OCR output: line lengths, doubled glyphs, the format's length. */
class MrzLineFittingTest {
  @Test
  void padsAShortLineWithFiller() {
    assertThat(MrzReader.fit("ERIKSSON<<ANNA<MARIA<<<<<<<<", 30)).isEqualTo("ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
  }

  @Test
  void dropsFillerFromTheLongestRunOfALongLine() {
    assertThat(MrzReader.fit("I<UTOD231458907<<<<<<<<<<<<<<<<<", 30)).isEqualTo("I<UTOD231458907<<<<<<<<<<<<<<<");
  }

  @Test
  void refusesALineFarFromTheFormatsLength() {
    assertThat(MrzReader.fit("ERIKSSON", 30)).isNull();
    assertThat(MrzReader.fit("ABCDEFGHIJKLMNOPQRSTUVWXYZ01234", 30)).as("no filler to drop").isNull();
  }

  @Test
  void tellsTheFormatByLineCountAndLength() {
    assertThat(MrzReader.expectedLength(List.of("a", "b", "c"))).isEqualTo(MrzReader.TD1);
    assertThat(MrzReader.expectedLength(List.of("x".repeat(35), "x".repeat(37)))).isEqualTo(MrzReader.TD2);
    assertThat(MrzReader.expectedLength(List.of("x".repeat(43), "x".repeat(44)))).isEqualTo(MrzReader.TD3);
  }

  @Test
  void keepsTheMoreConfidentOfTwoSymbolsInOneCharacterCell() {
    List<OcrEngine.Symbol> symbols =
        List.of(
            new OcrEngine.Symbol('2', 0, 20, 0.99),
            new OcrEngine.Symbol('6', 30, 52, 0.99),
            new OcrEngine.Symbol('8', 47, 61, 0.95),
            new OcrEngine.Symbol('B', 62, 84, 0.95),
            new OcrEngine.Symbol('<', 93, 115, 1));
    assertThat(MrzReader.monospaced(symbols)).extracting(OcrEngine.Symbol::character).containsExactly('2', '6', 'B', '<');
  }

  @Test
  void mapsAQuadrilateralOntoARectangle() {
    double[] corners = {10, 20, 110, 30, 120, 90, 5, 80};
    double[] m = DocumentFinder.homography(new double[] {0, 0, 100, 0, 100, 50, 0, 50}, corners);
    double[][] unit = {{0, 0}, {100, 0}, {100, 50}, {0, 50}};
    for (int i = 0; i < 4; i++) {
      double x = unit[i][0];
      double y = unit[i][1];
      double d = m[6] * x + m[7] * y + 1;
      assertThat((m[0] * x + m[1] * y + m[2]) / d).isCloseTo(corners[2 * i], org.assertj.core.data.Offset.offset(1e-6));
      assertThat((m[3] * x + m[4] * y + m[5]) / d).isCloseTo(corners[2 * i + 1], org.assertj.core.data.Offset.offset(1e-6));
    }
  }
}
