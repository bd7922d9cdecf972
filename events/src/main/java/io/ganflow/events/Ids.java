package io.ganflow.events;

import java.util.regex.Pattern;

/**
 * The one rule for names that become object keys, Kafka keys and URL segments: run ids, data set names and synthetic
 * data set request ids are 1-63 lowercase letters, digits or dashes, starting with a letter or digit. Nothing else
 * can climb out of its folder in the store ({@code ..}, {@code /}) or need escaping in a URL.
 */
public final class Ids {

    public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,62}";
    public static final String RULE = "1-63 lowercase letters, digits or dashes, starting with a letter or digit";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Ids() {}

    public static boolean isValid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }

    /** {@code id} when it is valid; otherwise an IllegalArgumentException naming {@code field}. */
    public static String check(String id, String field) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(field + " must be " + RULE + (id == null ? "" : ", was '" + id + "'"));
        }
        return id;
    }
}
