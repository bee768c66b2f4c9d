package org.bonafide.scamintel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageModelTest {
  private final MessageModel shipped = MessageModel.shipped();

  @Test
  void theShippedModelCallsLuresInBothLanguagesAndLeavesChatAlone() {
    List<String> lures =
        List.of(
            "【HSBC】您的帳戶積分即將過期，請立即點擊連結兌換：http://hsbc-hk.top/r",
            "Your account has been suspended. Verify now at www.secure-hk-bank.xyz or call 2123 4567 urgently",
            "WINNER!! You have won a £1000 cash prize. Claim now: text CLAIM to 81010");
    for (String lure : lures) {
      MessageModel.Score score = shipped.score(lure);
      assertThat(score.scam()).as(lure + " " + score).isTrue();
      assertThat(score.drivers()).isNotEmpty();
      assertThat(score.drivers().get(0).weight()).isPositive();
    }
    for (String chat : List.of("今晚食咩？七點見", "Ok see you at the station at 7", "Can you pick up milk on the way home")) {
      assertThat(shipped.score(chat).scam()).as(chat).isFalse();
    }
  }

  @Test
  void chineseLuresFireTheSameCategoriesAsEnglishOnes() {
    assertThat(MessageFeatures.of("您的會員積分將於今日內過期")).contains("lure:reward", "lure:membership", "lure:urgency");
    assertThat(MessageFeatures.of("Redeem your member points today")).contains("lure:reward", "lure:membership", "lure:urgency");
    assertThat(MessageFeatures.of("請聯絡客服熱線退款")).contains("lure:customer-service", "lure:payment-link");
    assertThat(MessageFeatures.of("see bit.ly/abc")).contains("has:url", "has:url-shortener");
    assertThat(MessageFeatures.of("call 9123 4567")).contains("has:phone");
  }

  @Test
  void aTrainedModelLearnsAndRoundTripsThroughItsFile() throws IOException {
    List<MessageModel.Example> examples = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      examples.add(new MessageModel.Example("claim your free prize now " + i + " text WIN to 80080", true));
      examples.add(new MessageModel.Example("see you at lunch tomorrow " + i, false));
    }
    MessageModel model = MessageModel.train(examples, 10, 1, 1e-4, 3);
    assertThat(model.probability("claim your free prize")).isGreaterThan(0.5);
    assertThat(model.probability("lunch tomorrow")).isLessThan(0.5);
    StringWriter out = new StringWriter();
    model.write(out, List.of("made by a test"));
    MessageModel read = MessageModel.read(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(read.probability("claim your free prize")).isCloseTo(model.probability("claim your free prize"), org.assertj.core.api.Assertions.offset(1e-3));
    assertThat(read.threshold()).isEqualTo(model.threshold());
    assertThatThrownBy(() -> MessageModel.read(new ByteArrayInputStream("w:x\t1\n".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class);
  }

  @Test
  void theHeldOutFifthIsFixedByTheText() {
    int held = 0;
    for (int i = 0; i < 1000; i++) {
      String text = "message " + i;
      assertThat(MessageModel.heldOut(text)).isEqualTo(MessageModel.heldOut(text));
      held += MessageModel.heldOut(text) ? 1 : 0;
    }
    assertThat(held).isBetween(150, 260);
  }
}
