package ai.glimpse.preprocessing.synth;

import ai.glimpse.preprocessing.answers.AnswerProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The words and answers of {@link VqaScaleCorpus}: English word lists for the frequent words, and
 * a long tail of pronounceable made-up words ({@code "brelton"}, {@code "mosdaik"}) so that the
 * question vocabulary has a few thousand words and the answers a few thousand values.
 *
 * <p>The lexicon is the same for every corpus: the made-up words come from a fixed seed
 * ({@value #LEXICON_SEED}), so the vocabulary and the answer ranking do not change with the
 * corpus seed, which only decides the draws. Every list is ordered by falling frequency, and
 * draws follow Zipf-like distributions over that order. Immutable and safe to share.
 */
final class CorpusLexicon {
  /** The seed of the made-up words; fixed so that every corpus speaks the same language. */
  static final long LEXICON_SEED = 0x5EED_1E81C0L;

  /** The number of made-up nouns (object names, and the long tail of answers). */
  static final int MADE_UP_NOUNS = 3000;
  /** The number of made-up adjectives. */
  static final int MADE_UP_ADJECTIVES = 240;
  /** The number of made-up proper names (answers to "what is the name of ..."). */
  static final int MADE_UP_NAMES = 1000;

  /** A word list with a Zipf distribution over its order. */
  record Words(String name, String[] words, ZipfSampler sampler) {
    /** Draws the index of a word. */
    int draw(SplittableRandom rng) {
      return sampler.draw(rng);
    }

    /** Returns the word at {@code index}. */
    String word(int index) {
      return words[index];
    }

    /** Returns the number of words. */
    int size() {
      return words.length;
    }
  }

  private static final Map<String, String> IRREGULAR_PLURALS = Map.ofEntries(
      Map.entry("man", "men"), Map.entry("woman", "women"), Map.entry("person", "people"),
      Map.entry("child", "children"), Map.entry("sheep", "sheep"), Map.entry("mouse", "mice"),
      Map.entry("knife", "knives"), Map.entry("shelf", "shelves"), Map.entry("leaf", "leaves"),
      Map.entry("fish", "fish"), Map.entry("deer", "deer"), Map.entry("goose", "geese"),
      Map.entry("skis", "skis"), Map.entry("glasses", "glasses"), Map.entry("cattle", "cattle"),
      Map.entry("scissors", "scissors"), Map.entry("broccoli", "broccoli"),
      Map.entry("police", "police"), Map.entry("people", "people"), Map.entry("shorts", "shorts"),
      Map.entry("jeans", "jeans"), Map.entry("calf", "calves"), Map.entry("wolf", "wolves"));

  private static final String SCENE_NOUNS = "man, table, plate, sign, dog, cat, train, bus, "
      + "building, street, tree, woman, car, window, shirt, pizza, water, person, clock, "
      + "umbrella, wall, horse, truck, field, bed, toilet, kite, giraffe, elephant, boat, "
      + "bench, fence, sky, road, cake, grass, bird, plane, motorcycle, bike, chair, snow, "
      + "sink, laptop, zebra, hat, frisbee, skateboard, surfboard, cow, sheep, bear, phone, "
      + "boy, girl, child, banana, sandwich, bowl, cup, bottle, light, pole, door, floor, "
      + "beach, ocean, wave, mountain, bag, box, vase, book, keyboard, mouse, tv, couch, "
      + "counter, desk, lamp, pillow, blanket, helmet, jacket, glasses, tie, racket, ball, "
      + "bat, glove, player, kitchen, room, picture, photo, cabinet, refrigerator, oven, "
      + "microwave, donut, broccoli, carrot, orange, apple, hot dog, fork, knife, spoon, "
      + "glass, bread, sidewalk, traffic light, fire hydrant, stop sign, parking meter, "
      + "suitcase, backpack, handbag, skis, snowboard, teddy bear, toothbrush, scissors, "
      + "remote, cell phone, computer, monitor, mirror, curtain, rug, shelf, basket, tower, "
      + "bridge, house, roof, flag, cloud, leaf, flower, rock, sand, dirt, path, tent, van, "
      + "jet, helicopter, airport, station, platform, track, wheel, tire, seat, engine";

  private static final String PEOPLE_IN_QUESTIONS = "man, woman, person, boy, girl, player, "
      + "lady, guy, child, kid, skier, surfer, skateboarder, batter, catcher, pitcher, chef, "
      + "baby, rider, tennis player, biker, driver, officer, cook";

  private static final String ADJECTIVES = "white, black, red, big, small, open, empty, wet, "
      + "old, new, clean, full, wooden, tall, short, young, dirty, real, on, off, large, "
      + "round, square, hot, cold, dry, dark, bright, metal, plastic, moving, parked, broken, "
      + "sliced, cooked, fresh, ripe, striped, shiny, fluffy, electric, modern, closed, "
      + "crowded, outside, inside, level, straight, curved, happy, asleep, awake, healthy, "
      + "homemade, busy, quiet, safe, lit, messy, colorful, frosted, wild, tame, standing, "
      + "flying, floating, smooth, rough";

  private static final String ING_VERBS = "eating, playing, sitting, standing, walking, "
      + "riding, flying, surfing, skiing, talking, smiling, running, swimming, sleeping, "
      + "drinking, jumping, reading, cooking, waiting, posing, looking, laughing, working, "
      + "driving, throwing, catching, texting, skating, dancing, resting, crossing, "
      + "shopping, climbing, carrying, pulling, pushing, holding, watching, using, wearing";

  private static final String CONTAINERS = "bowl, box, bag, cup, basket, vase, glass, "
      + "bottle, sink, truck, pot, jar, bucket, plate, tray, drawer, refrigerator, oven, "
      + "backpack, suitcase, pan, mug, cart, bin";

  private static final String ROOMS = "kitchen, bathroom, living room, bedroom, dining room, "
      + "office, hotel room, restroom, den, hallway, garage, studio, lobby, classroom, "
      + "basement, laundry room";

  private static final String PLACES = "kitchen, park, beach, zoo, farm, restaurant, airport, "
      + "station, bathroom, street, field, city, market, store, harbor, stadium, museum, "
      + "school, church, hotel, library, parking lot, mall, campsite";

  private static final String COLORS = "white, black, blue, red, green, brown, yellow, gray, "
      + "orange, pink, black and white, silver, purple, tan, beige, red and white, "
      + "blue and white, gold, green and white, maroon, navy, clear, dark blue, light blue, "
      + "black and red, multi colored, teal, cream, orange and white, brown and white, "
      + "rainbow, khaki";

  private static final String SPORTS = "tennis, baseball, skiing, surfing, skateboarding, "
      + "frisbee, soccer, snowboarding, kite flying, football, volleyball, basketball, "
      + "softball, polo, golf, rugby, hockey, cricket, swimming, racing, parasailing, "
      + "wakeboarding, windsurfing, badminton, biking";

  private static final String ANIMALS = "dog, cat, giraffe, elephant, horse, zebra, bear, "
      + "sheep, cow, bird, duck, pigeon, seagull, goat, polar bear, cattle, lamb, puppy, "
      + "kitten, pony, calf, deer, swan, parrot, owl, chicken, goose, ostrich, rhino, lion, "
      + "tiger, monkey, pig, rabbit";

  private static final String WHERE = "on table, in sky, on plate, on wall, in water, "
      + "on street, on ground, on floor, beach, field, park, in kitchen, sidewalk, outside, "
      + "road, in field, on counter, on shelf, on desk, airport, zoo, parking lot, on bed, "
      + "in grass, on pole, in air, snow, on tree, background, station, farm, mountain, "
      + "city, restaurant, store, market, harbor, river, lake, ocean, runway, "
      + "train station, bus stop, tennis court, ski slope, skate park";

  private static final String REASONS = "safety, to eat, balance, decoration, raining, "
      + "protection, shade, for fun, to cross street, sunny, to stay warm, hungry, waiting, "
      + "fun, to see, cold, resting, parking, exercise, tired, advertisement, "
      + "to catch frisbee, posing, sun, to hit ball, competition, birthday, traffic, "
      + "on sale, windy, playing, stop, travel, celebration, work, it's raining, "
      + "to get to other side";

  private static final String MATERIALS = "wood, metal, plastic, glass, brick, concrete, "
      + "stone, ceramic, porcelain, steel, cloth, leather, paper, marble, tile, wicker, "
      + "cardboard, rubber, granite, cotton, wool, aluminum, iron, bamboo";

  private static final String BRANDS = "nike, apple, dell, samsung, toyota, honda, adidas, "
      + "coca cola, sony, nintendo, microsoft, hp, canon, wilson, ford, pepsi, yamaha, lg, "
      + "bmw, mercedes, starbucks, heinz, kawasaki, delta, united, american airlines, "
      + "lenovo, acer, nokia, volvo";

  private static final String PEOPLE_ANSWERS = "man, woman, boy, girl, child, player, "
      + "people, chef, police, skateboarder, surfer, skier, batter, catcher, pitcher, "
      + "tourist, mother, baby, nobody, couple, crowd, family, referee, umpire";

  private static final String FOODS = "pizza, sandwich, donut, cake, broccoli, hot dog, "
      + "banana, apple, salad, carrot, orange, bread, meat, rice, fruit, vegetables, soup, "
      + "chicken, fries, pasta, eggs, cheese, cookie, sushi, burger, pie, muffin, bagel, "
      + "tomato, potato, noodles, grapes, strawberry, cupcake, onion, lettuce, steak, fish, "
      + "beans, corn, grass, hay, leaves";

  private static final String ACTIVITIES = "eating, playing tennis, skateboarding, surfing, "
      + "skiing, talking on phone, standing, sitting, walking, riding, playing, flying kite, "
      + "playing frisbee, texting, reading, cooking, smiling, looking, waiting, posing, "
      + "running, swimming, sleeping, drinking, playing baseball, snowboarding, jumping, "
      + "cutting cake, brushing teeth, laughing, taking picture, working, "
      + "playing video game, watching tv, shopping, driving, throwing, catching, batting, "
      + "resting, grazing";

  private static final String HELD = "umbrella, frisbee, phone, racket, bat, kite, "
      + "tennis racket, remote, controller, cup, surfboard, skateboard, leash, knife, "
      + "camera, book, bag, pizza, donut, banana, hot dog, sandwich, ball, bottle, drink, "
      + "glass, paper, toothbrush, ski poles, wii remote, baby, flowers, cane, flag";

  private static final String WEATHER = "sunny, cloudy, clear, rainy, overcast, snowy, foggy, "
      + "windy, cold, warm, stormy, hazy";

  private static final String TIMES = "daytime, night, afternoon, morning, evening, noon, "
      + "dusk, sunset, day, nighttime, dawn";

  private static final String TIME_SLOTS = "night, noon, dusk, sunset, dawn, midnight, "
      + "lunchtime, daytime";

  private static final String CLOTHES = "hat, helmet, shirt, jacket, glasses, tie, uniform, "
      + "wetsuit, coat, shorts, jeans, dress, sunglasses, hoodie, sweater, suit, goggles, "
      + "apron, vest, scarf, gloves, cap, costume, backpack, skirt, boots, sneakers";

  private static final String SIDES = "right, left, both";

  private static final String DIRECTIONS = "left, right, forward, up, down, north, south, "
      + "east, west, away, toward camera, backward";

  private static final String SIGN_TEXT = "stop, exit, yield, no parking, closed, open, sale, "
      + "welcome, go, slow, stop ahead, do not enter, bus stop, main st, no smoking, caution";

  private static final String COOKING = "grilled, fried, baked, boiled, raw, roasted, "
      + "steamed, toasted, sliced, scrambled";

  private static final String KINDS = "passenger, commercial, double decker, freight, sail, "
      + "fishing, pepperoni, cheese, chocolate, birthday, wedding, mountain, dirt, electric, "
      + "passenger train, jet, propeller, cargo, fire truck, city, pickup, steam, diesel, "
      + "sports, cruise, military, wild, domestic, stuffed, wooden";

  private static final String[] ONSETS = {"b", "d", "f", "g", "h", "k", "l", "m", "n", "p",
      "r", "s", "t", "v", "w", "z", "br", "cr", "dr", "fl", "gr", "pl", "st", "tr", "sh", "ch",
      "th", "sl", "sp", "j"};
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "oo", "ie"};
  private static final String[] CODAS = {"", "", "", "n", "r", "l", "s", "t", "m", "k", "nd",
      "st"};

  private static final CorpusLexicon STANDARD = new CorpusLexicon();

  final Words sceneNouns;
  final Words people;
  final Words adjectives;
  final Words ingVerbs;
  final Words containers;
  final Words rooms;
  final Words places;
  final Words foods;
  final Words animals;
  final Words timeSlots;
  final Words weatherWords;

  final AnswerPool yesNo;
  final AnswerPool counts;
  final AnswerPool labelNumbers;
  final AnswerPool colors;
  final AnswerPool sports;
  final AnswerPool animalAnswers;
  final AnswerPool roomAnswers;
  final AnswerPool where;
  final AnswerPool reasons;
  final AnswerPool materials;
  final AnswerPool brands;
  final AnswerPool peopleAnswers;
  final AnswerPool foodAnswers;
  final AnswerPool activities;
  final AnswerPool held;
  final AnswerPool weather;
  final AnswerPool times;
  final AnswerPool clothes;
  final AnswerPool sides;
  final AnswerPool directions;
  final AnswerPool signText;
  final AnswerPool cooking;
  final AnswerPool kinds;
  final AnswerPool objects;
  final AnswerPool names;

  private CorpusLexicon() {
    SplittableRandom rng = new SplittableRandom(LEXICON_SEED);
    Set<String> taken = new HashSet<>();
    for (String list : List.of(SCENE_NOUNS, PEOPLE_IN_QUESTIONS, ADJECTIVES, ING_VERBS,
        CONTAINERS, ROOMS, PLACES, COLORS, SPORTS, ANIMALS, WHERE, REASONS, MATERIALS, BRANDS,
        PEOPLE_ANSWERS, FOODS, ACTIVITIES, HELD, WEATHER, TIMES, CLOTHES, DIRECTIONS,
        SIGN_TEXT, COOKING, KINDS)) {
      taken.addAll(split(list));
    }
    List<String> madeUpNouns = madeUp(rng, MADE_UP_NOUNS, 2, 3, taken);
    List<String> madeUpAdjectives = madeUp(rng, MADE_UP_ADJECTIVES, 2, 2, taken);
    List<String> madeUpNames = madeUp(rng, MADE_UP_NAMES, 2, 3, taken);

    sceneNouns = words("scene nouns", concat(split(SCENE_NOUNS), madeUpNouns), 1.0, 2.0);
    people = words("people", split(PEOPLE_IN_QUESTIONS), 1.1, 0.0);
    adjectives = words("adjectives", concat(split(ADJECTIVES), madeUpAdjectives), 1.0, 2.0);
    ingVerbs = words("ing verbs", split(ING_VERBS), 1.0, 1.0);
    containers = words("containers", split(CONTAINERS), 1.0, 1.0);
    rooms = words("rooms", split(ROOMS), 1.0, 0.0);
    places = words("places", split(PLACES), 1.0, 1.0);
    foods = words("foods", split(FOODS), 1.0, 1.0);
    animals = words("animals", split(ANIMALS), 1.0, 1.0);
    timeSlots = words("time slots", split(TIME_SLOTS), 1.0, 0.0);
    weatherWords = words("weather words", split(WEATHER), 1.0, 0.0);

    yesNo = new AnswerPool("yes/no", List.of("yes", "no"), 0.0, false);
    counts = new AnswerPool("counts", List.of("2", "1", "3", "4", "0", "5", "6", "7", "8",
        "10", "9", "12", "11", "20", "15", "13", "14", "16", "30", "18", "17", "25", "19",
        "24", "50", "100"), 1.25, false);
    List<String> labels = new ArrayList<>();
    for (int n = 1; n <= 150; n++) {
      labels.add(Integer.toString(n));
    }
    labelNumbers = new AnswerPool("label numbers", shuffled(labels, rng), 0.8, false);
    colors = new AnswerPool("colors", split(COLORS), 1.05, false);
    sports = new AnswerPool("sports", split(SPORTS), 1.3, false);
    animalAnswers = new AnswerPool("animals", split(ANIMALS), 1.1, true);
    roomAnswers = new AnswerPool("rooms", split(ROOMS), 1.3, true);
    where = new AnswerPool("where", split(WHERE), 1.0, false);
    reasons = new AnswerPool("reasons", split(REASONS), 0.9, false);
    materials = new AnswerPool("materials", split(MATERIALS), 1.2, false);
    brands = new AnswerPool("brands", split(BRANDS), 0.9, false);
    peopleAnswers = new AnswerPool("people", split(PEOPLE_ANSWERS), 1.1, true);
    foodAnswers = new AnswerPool("foods", split(FOODS), 1.0, true);
    activities = new AnswerPool("activities", split(ACTIVITIES), 1.0, false);
    held = new AnswerPool("held", concat(split(HELD), madeUpNouns.subList(0, 300)), 1.0, true);
    weather = new AnswerPool("weather", split(WEATHER), 1.2, false);
    times = new AnswerPool("times", split(TIMES), 1.2, false);
    clothes = new AnswerPool("clothes", split(CLOTHES), 1.0, true);
    sides = new AnswerPool("sides", split(SIDES), 0.6, false);
    directions = new AnswerPool("directions", split(DIRECTIONS), 1.0, false);
    signText = new AnswerPool("sign text", split(SIGN_TEXT), 1.4, false);
    cooking = new AnswerPool("cooking", split(COOKING), 1.0, false);
    kinds = new AnswerPool("kinds", concat(split(KINDS), madeUpAdjectives), 0.9, false);
    objects = new AnswerPool("objects", concat(split(SCENE_NOUNS), madeUpNouns), 0.55, true);
    names = new AnswerPool("names", madeUpNames, 0.3, false);
  }

  /** Returns the lexicon every corpus uses. */
  static CorpusLexicon standard() {
    return STANDARD;
  }

  /** Returns every answer pool, for tests. */
  List<AnswerPool> pools() {
    return List.of(yesNo, counts, labelNumbers, colors, sports, animalAnswers, roomAnswers,
        where, reasons, materials, brands, peopleAnswers, foodAnswers, activities, held,
        weather, times, clothes, sides, directions, signText, cooking, kinds, objects, names);
  }

  /** Returns the plural of a noun (of the last word of a compound: "hot dogs"). */
  static String plural(String noun) {
    int space = noun.lastIndexOf(' ');
    if (space >= 0) {
      return noun.substring(0, space + 1) + plural(noun.substring(space + 1));
    }
    String irregular = IRREGULAR_PLURALS.get(noun);
    if (irregular != null) {
      return irregular;
    }
    if (noun.endsWith("s") || noun.endsWith("sh") || noun.endsWith("ch") || noun.endsWith("x")
        || noun.endsWith("z")) {
      return noun + "es";
    }
    if (noun.length() > 1 && noun.endsWith("y") && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
      return noun.substring(0, noun.length() - 1) + "ies";
    }
    return noun + "s";
  }

  private static Words words(String name, List<String> list, double exponent, double shift) {
    return new Words(name, list.toArray(String[]::new),
        new ZipfSampler(list.size(), exponent, shift));
  }

  /**
   * Makes {@code count} distinct pronounceable words of {@code minSyllables}..{@code maxSyllables}
   * syllables that are not taken and that the VQA answer normalization leaves unchanged.
   */
  private static List<String> madeUp(SplittableRandom rng, int count, int minSyllables,
      int maxSyllables, Set<String> taken) {
    Set<String> out = new LinkedHashSet<>();
    StringBuilder sb = new StringBuilder();
    while (out.size() < count) {
      sb.setLength(0);
      int syllables = minSyllables + rng.nextInt(maxSyllables - minSyllables + 1);
      for (int s = 0; s < syllables; s++) {
        sb.append(ONSETS[rng.nextInt(ONSETS.length)]).append(VOWELS[rng.nextInt(VOWELS.length)]);
        if (s == syllables - 1 || rng.nextInt(3) == 0) {
          sb.append(CODAS[rng.nextInt(CODAS.length)]);
        }
      }
      String word = sb.toString();
      if (word.length() >= 4 && word.length() <= 11 && !taken.contains(word)
          && AnswerProcessor.normalize(word).equals(word) && out.add(word)) {
        taken.add(word);
      }
    }
    return new ArrayList<>(out);
  }

  private static List<String> shuffled(List<String> list, SplittableRandom rng) {
    List<String> copy = new ArrayList<>(list);
    for (int i = copy.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      String t = copy.get(i);
      copy.set(i, copy.get(j));
      copy.set(j, t);
    }
    return copy;
  }

  private static List<String> split(String list) {
    return Arrays.asList(list.split(", "));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return out;
  }
}
