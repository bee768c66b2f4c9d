package org.bonafide.cli.attack;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.cli.Progress;
import org.bonafide.identitygraph.EntityKind;
import org.bonafide.identitygraph.Identifiers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code simulate syndicate --population N --rings K --seed S --out DIR}: a labelled population of
 * loan and account applications at several institutions, with fraud rings inside it. Written as
 * {@code applications.jsonl} (one application a line, in time order, in the body
 * {@code POST /v1/applications} takes plus {@code institution}, {@code receivedAt}, {@code face},
 * {@code label} and {@code ring}) and {@code rings.json} (each ring's applications).
 *
 * <p>Genuine applicants live in households (one to five people at one address, with a home IP;
 * some couples share a phone, a joint account or a tablet), some apply from offices (one public IP
 * for dozens of people) or through a mobile carrier's shared addresses, and apply once to three
 * times at different institutions over the 90 days. Rings work as the Hong Kong ring did: a handful
 * of stolen identities (real applicants of the population, so a victim's genuine application
 * exists too), one to three fraudsters whose faces stand in the selfies (a crude swap keeps the
 * fraudster's face; a good one shows the victim's), a few phones on SIM cards registered with the
 * stolen IDs, one to three devices, drop addresses and mule accounts, and many applications at many
 * institutions within weeks. Faces are {@link SyntheticFaces} seeds, not photos.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class SyndicateSimulation {
  public static final java.util.Set<String> OPTIONS = java.util.Set.of("population", "rings", "seed", "out", "institutions");
  static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
  static final int DAYS = 90;

  private static final String[] SURNAMES = {
    "CHAN", "WONG", "LEE", "CHEUNG", "LAU", "CHEN", "NG", "LAM", "HO", "LEUNG", "TSANG", "CHOW", "YIP", "TANG",
    "KWOK", "MAK", "FUNG", "LO", "SO", "YEUNG", "SMITH", "PATEL", "KHAN", "SANTOS", "REYES", "NGUYEN", "TAN", "LIM"
  };
  private static final String[] GIVEN = {
    "TAI", "MAN", "SIU", "MING", "KA", "YAN", "WAI", "KIT", "CHUN", "HEI", "HO", "YEE", "LOK", "SUM", "FAI", "KEUNG",
    "MEI", "LING", "WING", "KWAN", "JOHN", "MARY", "ANNA", "PETER", "GRACE", "DAVID", "JOY", "MARK"
  };
  private static final String[] STREETS = {
    "NATHAN ROAD", "QUEEN'S ROAD CENTRAL", "HENNESSY ROAD", "KING'S ROAD", "CASTLE PEAK ROAD", "SHA TIN ROAD",
    "TAI PO ROAD", "CANTON ROAD", "DES VOEUX ROAD", "LOCKHART ROAD", "TUEN MUN ROAD", "POKFULAM ROAD"
  };
  private static final String[] PROVIDERS = {"gmail.com", "yahoo.com.hk", "outlook.com", "netvigator.com", "icloud.com"};

  private static final Identifiers PHONES = Identifiers.withDefaults();

  private SyndicateSimulation() {}

  /** A simulated person: who they are and what they own. */
  record Person(
      long id, String name, LocalDate birth, String documentNumber, String nationalId, String phone, String email,
      String device, String account) {}

  /** One application as written. */
  record Application(
      Instant at, int institution, Person identity, long facePerson, String phone, String email, String address,
      String ip, String device, String account, String ring) {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    int population = args.intOption("population", 0, 10, 10_000_000);
    if (population == 0) {
      throw Args.usage("simulate syndicate needs --population N (applications, at least 10).");
    }
    int rings = args.intOption("rings", 0, 0, 10_000);
    int institutions = args.intOption("institutions", 20, 2, 1000);
    long seed = args.intOption("seed", 1, 0, Integer.MAX_VALUE);
    Path out = args.requiredPath("out", "DIR (where applications.jsonl and rings.json go)");
    long start = ctx.nanoClock().getAsLong();
    SplittableRandom random = new SplittableRandom(seed);
    World world = new World(random, institutions);

    List<Application> applications = new ArrayList<>();
    List<List<Application>> ringApps = new ArrayList<>();
    // rings first take their share, so the population's size is the total asked for
    int ringTotal = 0;
    List<Integer> ringSizes = new ArrayList<>();
    for (int r = 0; r < rings; r++) {
      int size = 10 + random.nextInt(31);
      ringSizes.add(size);
      ringTotal += size;
    }
    if (ringTotal >= population) {
      throw Args.usage("--population " + population + " is too small for " + rings + " rings (they need about " + ringTotal + ").");
    }
    Progress progress = new Progress(ctx.err(), "simulate syndicate", "applications", population, Math.max(1, population / 20), ctx.nanoClock());
    List<Person> genuine = world.genuine(population - ringTotal, applications, progress);
    for (int r = 0; r < rings; r++) {
      List<Application> ring = world.ring("ring-" + (r + 1), ringSizes.get(r), genuine);
      ringApps.add(ring);
      applications.addAll(ring);
      ring.forEach(a -> progress.step());
    }
    applications.sort(Comparator.comparing(Application::at).thenComparing(a -> a.identity().id()));
    try {
      Files.createDirectories(out);
      try (BufferedWriter w = Files.newBufferedWriter(out.resolve("applications.jsonl"), StandardCharsets.UTF_8)) {
        int n = 0;
        for (Application a : applications) {
          w.write(Json.MAPPER.writeValueAsString(json(a, "A" + String.format(Locale.ROOT, "%08d", ++n))));
          w.newLine();
        }
      }
      ObjectNode truth = Json.object();
      ArrayNode list = truth.putArray("rings");
      for (List<Application> ring : ringApps) {
        ObjectNode one = list.addObject();
        one.put("ring", ring.get(0).ring());
        one.put("applications", ring.size());
        Set<Long> identities = new HashSet<>();
        Set<Integer> insts = new HashSet<>();
        ring.forEach(a -> {
          identities.add(a.identity().id());
          insts.add(a.institution());
        });
        one.put("identities", identities.size());
        one.put("institutions", insts.size());
      }
      Files.writeString(out.resolve("rings.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(truth));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode r = Json.object();
    r.put("applications", applications.size());
    r.put("genuine_applications", population - ringTotal);
    r.put("ring_applications", ringTotal);
    r.put("rings", rings);
    r.put("people", genuine.size());
    r.put("institutions", institutions);
    r.put("out", out.toString());
    Json.millis(r, "ms", ctx.nanoClock().getAsLong() - start);
    return r;
  }

  static ObjectNode json(Application a, String reference) {
    ObjectNode o = Json.object();
    o.put("institution", "institution-" + String.format(Locale.ROOT, "%03d", a.institution()));
    o.put("reference", reference);
    o.put("receivedAt", a.at().toString());
    o.put("label", a.ring() == null ? "genuine" : "ring");
    if (a.ring() != null) {
      o.put("ring", a.ring());
    } else {
      o.putNull("ring");
    }
    Person p = a.identity();
    ObjectNode doc = o.putObject("documentNumber");
    doc.put("issuingState", "HKG");
    doc.put("number", p.documentNumber());
    ObjectNode nid = o.putObject("nationalId");
    nid.put("type", "hk-identity-card");
    nid.put("number", p.nationalId());
    o.put("name", p.name());
    o.put("birthDate", p.birth().toString());
    o.putArray("phones").add(a.phone());
    o.putArray("emails").add(a.email());
    o.putArray("addresses").add(a.address());
    o.putArray("ips").add(a.ip());
    o.putArray("devices").add(a.device());
    ObjectNode account = o.putArray("bankAccounts").addObject();
    int colon = a.account().indexOf(':');
    account.put("bankCode", a.account().substring(0, colon));
    account.put("number", a.account().substring(colon + 1));
    ObjectNode face = o.putObject("face");
    face.put("person", a.facePerson());
    face.put("sample", Math.abs(reference.hashCode()));
    return o;
  }

  /** The simulated city: people, households, offices and shared carrier addresses. */
  static final class World {
    private final SplittableRandom random;
    private final int institutions;
    private final List<String> carrierIps = new ArrayList<>();
    private long nextPerson = 1;
    private final Set<String> taken = new HashSet<>();

    World(SplittableRandom random, int institutions) {
      this.random = random;
      this.institutions = institutions;
      for (int i = 0; i < 40; i++) {
        carrierIps.add("112." + (118 + random.nextInt(3)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
      }
    }

    List<Person> genuine(int total, List<Application> out, Progress progress) {
      List<Person> people = new ArrayList<>();
      List<String> offices = new ArrayList<>();
      for (int i = 0; i < Math.max(1, total / 400); i++) {
        offices.add("203." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
      }
      int made = 0;
      while (made < total) {
        int household = 1 + random.nextInt(5);
        String address = address();
        String homeIp = "42." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        String sharedPhone = household > 1 && random.nextDouble() < 0.1 ? phone() : null;
        String sharedAccount = household > 1 && random.nextDouble() < 0.1 ? account() : null;
        String sharedDevice = household > 1 && random.nextDouble() < 0.05 ? device() : null;
        for (int m = 0; m < household && made < total; m++) {
          Person p = person();
          if (m < 2 && sharedPhone != null) {
            p = withPhone(p, sharedPhone);
          }
          if (m < 2 && sharedAccount != null) {
            p = withAccount(p, sharedAccount);
          }
          people.add(p);
          double roll = random.nextDouble();
          int times = roll < 0.75 ? 1 : roll < 0.95 ? 2 : 3;
          Instant first = END.minus(random.nextInt(DAYS * 24 * 60), ChronoUnit.MINUTES);
          Set<Integer> used = new HashSet<>();
          for (int t = 0; t < times && made < total; t++) {
            int inst = random.nextInt(institutions);
            if (!used.add(inst)) {
              continue;
            }
            Instant at = first.plus(random.nextInt(20 * 24 * 60) * (long) t, ChronoUnit.MINUTES);
            if (at.isAfter(END)) {
              at = END.minus(random.nextInt(600), ChronoUnit.MINUTES);
            }
            double where = random.nextDouble();
            String ip = where < 0.6 ? homeIp : where < 0.85 ? carrierIps.get(random.nextInt(carrierIps.size())) : offices.get(random.nextInt(offices.size()));
            String device = sharedDevice != null && m < 2 && random.nextBoolean() ? sharedDevice : p.device();
            out.add(new Application(at, inst, p, p.id(), p.phone(), p.email(), address, ip, device, p.account(), null));
            made++;
            progress.step();
          }
        }
      }
      return people;
    }

    List<Application> ring(String name, int size, List<Person> population) {
      int stolen = 3 + random.nextInt(6);
      List<Person> victims = new ArrayList<>();
      while (victims.size() < stolen) {
        Person v = population.get(random.nextInt(population.size()));
        if (!victims.contains(v)) {
          victims.add(v);
        }
      }
      int fraudsters = 1 + random.nextInt(3);
      List<Long> faces = new ArrayList<>();
      for (int i = 0; i < fraudsters; i++) {
        faces.add(nextPerson++);
      }
      List<String> phones = new ArrayList<>();
      for (int i = 0; i < 3 + random.nextInt(8); i++) {
        phones.add(phone());
      }
      List<String> devices = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(3); i++) {
        devices.add(device());
      }
      List<String> addresses = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(3); i++) {
        addresses.add(address());
      }
      List<String> accounts = new ArrayList<>();
      for (int i = 0; i < 2 + random.nextInt(5); i++) {
        accounts.add(account());
      }
      String ringIp = "58." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
      int reach = Math.min(institutions, 5 + random.nextInt(16));
      List<Integer> targets = new ArrayList<>();
      while (targets.size() < reach) {
        int inst = random.nextInt(institutions);
        if (!targets.contains(inst)) {
          targets.add(inst);
        }
      }
      Instant start = END.minus(random.nextInt((DAYS - 30) * 24 * 60) + 30L * 24 * 60, ChronoUnit.MINUTES);
      int spanMinutes = (14 + random.nextInt(17)) * 24 * 60;
      List<Application> apps = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        Person victim = victims.get(random.nextInt(victims.size()));
        // a crude swap leaves the fraudster's face; a good one shows the victim's
        long face = random.nextBoolean() ? faces.get(random.nextInt(faces.size())) : victim.id();
        String email = unique(() -> victim.name().toLowerCase(Locale.ROOT).replace(' ', '.') + random.nextInt(1000) + "@" + PROVIDERS[random.nextInt(PROVIDERS.length)]);
        String ip = random.nextDouble() < 0.5 ? ringIp : carrierIps.get(random.nextInt(carrierIps.size()));
        Instant at = start.plus(random.nextInt(spanMinutes), ChronoUnit.MINUTES);
        apps.add(
            new Application(
                at,
                targets.get(random.nextInt(targets.size())),
                victim,
                face,
                phones.get(random.nextInt(phones.size())),
                email,
                addresses.get(random.nextInt(addresses.size())),
                ip,
                devices.get(random.nextInt(devices.size())),
                accounts.get(random.nextInt(accounts.size())),
                name));
      }
      return apps;
    }

    private Person person() {
      long id = nextPerson++;
      String surname = SURNAMES[random.nextInt(SURNAMES.length)];
      String given = GIVEN[random.nextInt(GIVEN.length)] + " " + GIVEN[random.nextInt(GIVEN.length)];
      LocalDate birth = LocalDate.of(1950 + random.nextInt(56), 1 + random.nextInt(12), 1 + random.nextInt(28));
      // a mail provider gives an address to one person: drawn again when taken (a million people
      // drawn from some 11 million names and numbers would otherwise share tens of thousands)
      String email = unique(() -> (given.replace(" ", "") + "." + surname + (random.nextInt(100))).toLowerCase(Locale.ROOT) + "@" + PROVIDERS[random.nextInt(PROVIDERS.length)]);
      return new Person(id, surname + " " + given, birth, documentNumber(), hkid(), phone(), email, device(), account());
    }

    private static Person withPhone(Person p, String phone) {
      return new Person(p.id(), p.name(), p.birth(), p.documentNumber(), p.nationalId(), phone, p.email(), p.device(), p.account());
    }

    private static Person withAccount(Person p, String account) {
      return new Person(p.id(), p.name(), p.birth(), p.documentNumber(), p.nationalId(), p.phone(), p.email(), p.device(), account);
    }

    private String unique(java.util.function.Supplier<String> make) {
      String v;
      do {
        v = make.get();
      } while (!taken.add(v));
      return v;
    }

    private String documentNumber() {
      return unique(() -> "K" + (1_000_000 + random.nextInt(9_000_000)) + (char) ('A' + random.nextInt(26)));
    }

    /** A Hong Kong identity card number with its check digit: A123456(3). */
    private String hkid() {
      return unique(
          () -> {
            char letter = (char) ('A' + random.nextInt(26));
            String digits = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
            int sum = 36 * 9 + (letter - 'A' + 10) * 8;
            for (int i = 0; i < 6; i++) {
              sum += (digits.charAt(i) - '0') * (7 - i);
            }
            int check = (11 - sum % 11) % 11;
            return letter + digits + "(" + (check == 10 ? "A" : String.valueOf(check)) + ")";
          });
    }

    /** A Hong Kong mobile number in a range that is in service (as the phone number library knows them). */
    private String phone() {
      return unique(
          () -> {
            String number;
            do {
              number = "+852 " + "569".charAt(random.nextInt(3)) + String.format(Locale.ROOT, "%03d %04d", random.nextInt(1000), random.nextInt(10000));
            } while (PHONES.normalise(EntityKind.PHONE, number).isEmpty());
            return number;
          });
    }

    private String device() {
      return unique(() -> Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong() | 1L << 62));
    }

    private String account() {
      return unique(() -> String.format(Locale.ROOT, "%03d", 3 + random.nextInt(60)) + ":" + (100_000_000L + (long) (random.nextDouble() * 899_999_999L)));
    }

    private String address() {
      return unique(
          () ->
              "Flat " + (char) ('A' + random.nextInt(8)) + ", " + (1 + random.nextInt(40)) + "/F, Block " + (1 + random.nextInt(6)) + ", "
                  + (1 + random.nextInt(300)) + " " + STREETS[random.nextInt(STREETS.length)] + ", Hong Kong");
    }
  }
}
