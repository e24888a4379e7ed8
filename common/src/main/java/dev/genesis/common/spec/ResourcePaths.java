package dev.genesis.common.spec;

import java.util.Collection;

/** Rules for workspace-relative resource paths; a trailing {@code /} names a whole folder. */
public final class ResourcePaths {

    public static final int MAX_LENGTH = 1024;

    private ResourcePaths() {
    }

    /** Why a path is not acceptable, or null when it is. */
    public static String problemWith(String path) {
        if (path == null || path.isBlank()) {
            return "must not be blank";
        }
        if (path.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (path.startsWith("/") || path.startsWith("~") || path.matches("^[A-Za-z]:.*")) {
            return "must be relative to the workspace, not absolute";
        }
        if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            return "must use '/' separators and no control characters";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return "must not climb out of the workspace with '..'";
            }
        }
        return null;
    }

    /** Whether two paths touch the same file: equal, or one is a folder holding the other. */
    public static boolean overlap(String a, String b) {
        String x = normalize(a);
        String y = normalize(b);
        if (x.equals(y)) {
            return true;
        }
        return (isFolder(x) && y.startsWith(x)) || (isFolder(y) && x.startsWith(y));
    }

    public static boolean anyOverlap(Collection<String> left, Collection<String> right) {
        for (String a : left) {
            for (String b : right) {
                if (overlap(a, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static boolean isFolder(String path) {
        return path.endsWith("/");
    }

    /** Drops {@code ./} segments and doubled slashes so that equal paths compare equal. */
    public static String normalize(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        if (path.endsWith("/") && out.length() > 0) {
            out.append('/');
        }
        return out.toString();
    }
}
