package dev.genesis.common.testing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /q/metrics} (Prometheus text format), read the way a test
 * asserts on it: the value of a sample picked by its name and some of its labels.
 */
public final class PrometheusScrape {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A sample line: name, labels, value. */
    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final String text;
    private final List<Sample> samples;
    /** Label pairs every lookup requires on top of its own (see {@link #withLabel}). */
    private final String[] required;

    private PrometheusScrape(String text, List<Sample> samples, String[] required) {
        this.text = text;
        this.samples = samples;
        this.required = required;
    }

    public static PrometheusScrape of(String text) {
        return new PrometheusScrape(text, text.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(PrometheusScrape::parse).toList(), new String[0]);
    }

    /** The same scrape, where every lookup also requires {@code label="value"} (say the service tag). */
    public PrometheusScrape withLabel(String label, String value) {
        String[] more = Arrays.copyOf(required, required.length + 2);
        more[required.length] = label;
        more[required.length + 1] = value;
        return new PrometheusScrape(text, samples, more);
    }

    /** How much a sample grew since an earlier scrape: {@code value(...)} here minus there. */
    public double since(PrometheusScrape earlier, String name, String... labels) {
        return value(name, labels) - earlier.value(name, labels);
    }

    /**
     * The sum of the samples named {@code name} whose labels include every given pair
     * ({@code "label", "value", ...}); 0 when none matches, as for a counter not incremented yet.
     */
    public double value(String name, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        return samples.stream().filter(s -> matches(s, name, labels)).mapToDouble(Sample::value).sum();
    }

    /** Whether any sample named {@code name} with these labels exists at all. */
    public boolean has(String name, String... labels) {
        return samples.stream().anyMatch(s -> matches(s, name, labels));
    }

    /** The type the scrape declares for a metric family ({@code counter}, {@code gauge}, {@code histogram}...). */
    public String typeOf(String family) {
        String prefix = "# TYPE " + family + " ";
        return text.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()).strip())
                .findFirst().orElse("");
    }

    private boolean matches(Sample sample, String name, String[] labels) {
        return sample.name().equals(name) && hasAll(sample.labels(), required) && hasAll(sample.labels(), labels);
    }

    private static boolean hasAll(Map<String, String> actual, String[] wanted) {
        for (int i = 0; i < wanted.length; i += 2) {
            if (!wanted[i + 1].equals(actual.get(wanted[i]))) {
                return false;
            }
        }
        return true;
    }

    private static Sample parse(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new HashMap<>();
        String name;
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int close = line.lastIndexOf('}');
            Matcher m = LABEL.matcher(line.substring(brace + 1, close));
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
            rest = line.substring(close + 1).strip();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        }
        return new Sample(name, labels, number(rest.split("\\s+")[0]));
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
