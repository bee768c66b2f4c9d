package org.bonafide.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of MRZ lines cut at the fixed positions of ICAO 9303's TD1, TD2 and TD3, without any
 * validation: what {@code eval mrz} compares with its labels.
 */
final class MrzFieldsByPosition {
  private MrzFieldsByPosition() {}

  static Map<String, String> fields(List<String> lines) {
    Map<String, String> f = new LinkedHashMap<>();
    if (lines.size() == 3 && lines.stream().allMatch(l -> l.length() == 30)) {
      String a = lines.get(0);
      String b = lines.get(1);
      f.put("documentCode", strip(a.substring(0, 2)));
      f.put("issuingState", strip(a.substring(2, 5)));
      f.put("documentNumber", strip(a.substring(5, 14)));
      f.put("optionalData", a.substring(15, 30));
      f.put("birthDate", b.substring(0, 6));
      f.put("sex", b.substring(7, 8));
      f.put("expirationDate", b.substring(8, 14));
      f.put("nationality", strip(b.substring(15, 18)));
      names(f, lines.get(2));
    } else if (lines.size() == 2 && lines.get(0).length() == lines.get(1).length()
        && (lines.get(0).length() == 36 || lines.get(0).length() == 44)) {
      String a = lines.get(0);
      String b = lines.get(1);
      f.put("documentCode", strip(a.substring(0, 2)));
      f.put("issuingState", strip(a.substring(2, 5)));
      names(f, a.substring(5));
      f.put("documentNumber", strip(b.substring(0, 9)));
      f.put("nationality", strip(b.substring(10, 13)));
      f.put("birthDate", b.substring(13, 19));
      f.put("sex", b.substring(20, 21));
      f.put("expirationDate", b.substring(21, 27));
      f.put("optionalData", b.length() == 44 ? b.substring(28, 42) : b.substring(28, 35));
    }
    return f;
  }

  private static void names(Map<String, String> f, String field) {
    int split = field.indexOf("<<");
    String last = split < 0 ? field : field.substring(0, split);
    String first = split < 0 ? "" : field.substring(split + 2);
    f.put("lastName", last.replace('<', ' ').strip());
    f.put("firstName", first.replace('<', ' ').strip());
  }

  private static String strip(String s) {
    return s.replace("<", "");
  }
}
