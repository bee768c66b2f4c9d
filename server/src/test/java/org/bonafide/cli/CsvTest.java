package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path file = dir.resolve("in.csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private List<Csv.Row> pairs(String text) throws IOException {
    return Csv.read(write(text), "pairs", List.of("image_a", "image_b", "same"), List.of());
  }

  @Test
  void readsRowsWithTheirLineNumbers() throws IOException {
    List<Csv.Row> rows = pairs("image_a,image_b,same\na.jpg,b.jpg,1\n\n c.jpg , d.jpg ,no\n");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("image_a")).isEqualTo("a.jpg");
    assertThat(rows.get(1).line()).isEqualTo(4);
    assertThat(rows.get(1).get("image_b")).isEqualTo("d.jpg");
  }

  @Test
  void acceptsColumnsInAnyOrderAnyCaseAndAByteOrderMark() throws IOException {
    List<Csv.Row> rows = pairs("\uFEFFSame,Image_B,IMAGE_A\r\n0,b.jpg,a.jpg\r\n");
    assertThat(rows.get(0).get("image_a")).isEqualTo("a.jpg");
    assertThat(rows.get(0).get("same")).isEqualTo("0");
  }

  @Test
  void readsQuotedFieldsWithCommasAndQuotes() throws IOException {
    List<Csv.Row> rows = pairs("image_a,image_b,same\n\"x, y.jpg\",\"say \"\"hi\"\".jpg\",1\n");
    assertThat(rows.get(0).get("image_a")).isEqualTo("x, y.jpg");
    assertThat(rows.get(0).get("image_b")).isEqualTo("say \"hi\".jpg");
  }

  @Test
  void namesAMissingColumnAndTheExpectedHeader() throws IOException {
    assertThatThrownBy(() -> pairs("image_a,image_b\na.jpg,b.jpg\n"))
        .isInstanceOf(BonafideException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("lacks column 'same'")
        .hasMessageContaining("image_a,image_b,same");
  }

  @Test
  void refusesAnUnknownColumn() throws IOException {
    assertThatThrownBy(() -> pairs("image_a,image_b,same,note\na,b,1,x\n"))
        .hasMessageContaining("unknown column 'note'");
  }

  @Test
  void refusesARepeatedColumn() throws IOException {
    assertThatThrownBy(() -> pairs("image_a,image_a,same\na,b,1\n")).hasMessageContaining("appears twice");
  }

  @Test
  void refusesARowWithTheWrongNumberOfFields() throws IOException {
    assertThatThrownBy(() -> pairs("image_a,image_b,same\na.jpg,b.jpg,1\na.jpg,1\n"))
        .hasMessageContaining("line 3")
        .hasMessageContaining("2 fields, but the header has 3");
  }

  @Test
  void refusesAnEmptyRequiredValue() throws IOException {
    assertThatThrownBy(() -> pairs("image_a,image_b,same\na.jpg,,1\n")).hasMessageContaining("line 2: image_b is empty");
  }

  @Test
  void refusesAnUnclosedQuote() throws IOException {
    assertThatThrownBy(() -> pairs("image_a,image_b,same\n\"a.jpg,b.jpg,1\n")).hasMessageContaining("not closed");
  }

  @Test
  void refusesAFileWithoutRows() throws IOException {
    assertThatThrownBy(() -> pairs("image_a,image_b,same\n")).hasMessageContaining("no rows");
    assertThatThrownBy(() -> pairs("")).hasMessageContaining("is empty");
  }

  @Test
  void refusesAFileThatIsNotUtf8() throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, new byte[] {'i', 'm', 'a', 'g', 'e', '_', 'a', (byte) 0xE9, '\n'});
    assertThatThrownBy(() -> Csv.read(file, "pairs", List.of("image_a"), List.of()))
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void aMissingFileIsNotFound() {
    assertThatThrownBy(() -> Csv.read(dir.resolve("nope.csv"), "labels", List.of("image"), List.of()))
        .isInstanceOfSatisfying(
            BonafideException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("labels file");
  }

  @Test
  void optionalColumnsMayBeAbsent() throws IOException {
    Path file = write("image,label\na.jpg,attack\n");
    List<Csv.Row> rows = Csv.read(file, "labels", List.of("image", "label"), List.of("attack_type"));
    assertThat(rows.get(0).get("attack_type")).isEmpty();
  }
}
