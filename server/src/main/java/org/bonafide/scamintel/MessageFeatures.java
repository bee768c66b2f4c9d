package org.bonafide.scamintel;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The features a message is scored on: words and word pairs, Chinese character pairs, the shape
 * of numbers, links and phone numbers, and lure categories from one lexicon in English and
 * Traditional Chinese.
 *
 * <p>The lure categories carry what the model learns from an English corpus over to Chinese
 * messages: "積分" and "reward points" both fire {@code lure:reward}, so the weight learned for the
 * category applies to both languages. Every feature is binary (present or not).
 */
public final class MessageFeatures {
  /** Lure categories and their words: English matched as whole words, Chinese as substrings. */
  static final Map<String, List<String>> LURES =
      Map.of(
          "reward",
          List.of("prize", "won", "winner", "win", "reward", "bonus", "points", "redeem", "claim", "free", "gift", "voucher",
              "award", "selected", "積分", "獎賞", "兌換", "中獎", "獎品", "禮品", "免費", "領取", "現金券", "回贈", "獎金"),
          "account-alert",
          List.of("suspended", "frozen", "locked", "blocked", "verify", "unusual", "deactivated", "expire", "expired",
              "security", "帳戶", "賬戶", "戶口", "凍結", "暫停", "停用", "鎖定", "異常", "驗證", "過期", "失效"),
          "membership",
          List.of("membership", "subscription", "subscribe", "unsubscribe", "cancel", "renew", "member", "會員", "會籍",
              "取消", "續期", "訂閱", "扣費"),
          "customer-service",
          List.of("customer", "service", "support", "helpdesk", "hotline", "officer", "police", "agent", "客服", "客戶服務",
              "熱線", "職員", "警察", "警方", "官員", "專員", "入境處", "海關"),
          "payment-link",
          List.of("click", "link", "pay", "payment", "fee", "deposit", "transfer", "refund", "charge", "點擊", "按此", "連結",
              "付款", "繳費", "手續費", "轉賬", "轉帳", "退款", "過數", "繳付"),
          "urgency",
          List.of("urgent", "immediately", "now", "today", "final", "last", "asap", "expires", "hurry", "緊急", "立即",
              "馬上", "盡快", "今日內", "最後", "限時", "逾期"),
          "delivery",
          List.of("parcel", "package", "delivery", "shipment", "courier", "包裹", "快遞", "派送", "速遞", "運費", "郵件"),
          "investment",
          List.of("investment", "invest", "crypto", "bitcoin", "profit", "returns", "trading", "guaranteed", "投資",
              "虛擬貨幣", "加密貨幣", "回報", "高息", "穩賺", "炒股"));

  static final Pattern URL =
      Pattern.compile(
          "(?i)\\b(?:https?://|hxxps?://|www\\.)\\S+|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|net|org|info|biz|co|uk|hk|cn|top|xyz|club|site|online|shop|vip|link|ly|me|io)(?:/\\S*)?\\b");
  private static final Pattern SHORTENER =
      Pattern.compile("(?i)\\b(?:bit\\.ly|tinyurl\\.com|t\\.co|goo\\.gl|is\\.gd|ow\\.ly|cutt\\.ly|rb\\.gy|t\\.ly)/");
  static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\p{N}])\\+?\\d[\\d \\-]{6,}\\d(?![\\p{L}\\p{N}])");
  private static final Pattern SHORT_CODE = Pattern.compile("(?<![\\p{L}\\p{N}])\\d{5,6}(?![\\p{L}\\p{N}])");
  private static final Pattern MONEY = Pattern.compile("(?i)[£$€¥]|\\bhk\\$|\\busd\\b|\\bpounds?\\b|\\bcash\\b|元|蚊");
  private static final Pattern TOKEN = Pattern.compile("[\\p{IsLatin}\\p{N}£$€¥']+|\\p{IsHan}+");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}+");
  private static final Pattern ENGLISH_WORD = Pattern.compile("[a-z']+");

  private MessageFeatures() {}

  /** The message's features, in a stable order. */
  public static Set<String> of(String text) {
    Set<String> features = new LinkedHashSet<>();
    String original = text == null ? "" : text;
    String normal = Normalizer.normalize(original, Normalizer.Form.NFKC);
    String lower = normal.toLowerCase(Locale.ROOT);

    String rest = lower;
    Matcher url = URL.matcher(rest);
    if (url.find()) {
      features.add("has:url");
      rest = url.replaceAll(" urltoken ");
    }
    if (SHORTENER.matcher(lower).find()) {
      features.add("has:url-shortener");
    }
    Matcher phone = PHONE.matcher(rest);
    if (phone.find()) {
      features.add("has:phone");
      rest = phone.replaceAll(" phonetoken ");
    }
    Matcher shortCode = SHORT_CODE.matcher(rest);
    if (shortCode.find()) {
      features.add("has:short-code");
      rest = shortCode.replaceAll(" codetoken ");
    }
    if (MONEY.matcher(lower).find()) {
      features.add("has:money");
    }

    // words, word pairs, and Chinese character pairs
    String previous = null;
    Set<String> words = new LinkedHashSet<>();
    Matcher token = TOKEN.matcher(rest);
    while (token.find()) {
      String t = token.group();
      if (HAN.matcher(t).matches()) {
        for (int i = 0; i + 1 < t.length(); i++) {
          features.add("c:" + t.substring(i, i + 2));
        }
        if (t.length() == 1) {
          features.add("c:" + t);
        }
        previous = null;
        continue;
      }
      String w = shape(t);
      words.add(w);
      features.add("w:" + w);
      if (previous != null) {
        features.add("b:" + previous + "_" + w);
      }
      previous = w;
    }

    // lure categories
    for (Map.Entry<String, List<String>> lure : LURES.entrySet()) {
      for (String term : lure.getValue()) {
        boolean english = ENGLISH_WORD.matcher(term).matches();
        if (english ? words.contains(term) : lower.contains(term)) {
          features.add("lure:" + lure.getKey());
          break;
        }
      }
    }

    // shape of the whole message
    int letters = 0;
    int capitals = 0;
    for (int i = 0; i < original.length(); i++) {
      char c = original.charAt(i);
      if (Character.isLetter(c) && c < 0x250) {
        letters++;
        if (Character.isUpperCase(c)) {
          capitals++;
        }
      }
    }
    if (letters >= 10 && capitals >= 0.3 * letters) {
      features.add("shape:capitals");
    }
    if (original.chars().filter(c -> c == '!').count() >= 2) {
      features.add("shape:exclamations");
    }
    int length = original.codePointCount(0, original.length());
    features.add(length < 40 ? "len:short" : length < 100 ? "len:medium" : length < 160 ? "len:long" : "len:very-long");
    return features;
  }

  /** A token as a feature: a word as it is; a token with digits by its shape (currency, digit count). */
  private static String shape(String token) {
    boolean digits = false;
    for (int i = 0; i < token.length(); i++) {
      if (Character.isDigit(token.charAt(i))) {
        digits = true;
        break;
      }
    }
    if (!digits) {
      return token;
    }
    String currency = token.matches(".*[£$€¥].*") ? "money" : "num";
    int count = (int) token.chars().filter(Character::isDigit).count();
    return "#" + currency + (count <= 2 ? "1" : count <= 4 ? "3" : count <= 7 ? "5" : "8");
  }
}
