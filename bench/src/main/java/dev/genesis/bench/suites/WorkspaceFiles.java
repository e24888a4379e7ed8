package dev.genesis.bench.suites;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The synthetic workspace of the workspace suite: {@code n} text files of {@value #FILE_BYTES}
 * bytes in a folder of their own, {@code <folder>d<i/100>/f<i>.txt}, so that no folder of the
 * workspace holds more than a hundred of them.
 */
final class WorkspaceFiles {

    /** The size of every file, imported or edited. */
    static final int FILE_BYTES = 200;
    static final int FILES_PER_DIR = 100;
    static final String FOLDER_PREFIX = "bench-ws-";

    private WorkspaceFiles() {
    }

    /** A fresh folder name, {@code bench-ws-<8 hex>/} (with its trailing slash: a folder path). */
    static String newFolder() {
        return FOLDER_PREFIX + String.format(Locale.ROOT, "%08x", ThreadLocalRandom.current().nextInt()) + "/";
    }

    /** The path of file {@code i} (0-based) under {@code folder} (which ends with {@code /}). */
    static String path(String folder, int i) {
        return folder + "d" + (i / FILES_PER_DIR) + "/f" + i + ".txt";
    }

    /**
     * Revision {@code revision} of file {@code i}: exactly {@value #FILE_BYTES} bytes of ASCII text
     * that differ from every other revision of it (0 is the imported one).
     */
    static byte[] content(String path, int revision) {
        StringBuilder sb = new StringBuilder(FILE_BYTES);
        sb.append(path).append(" revision ").append(revision).append('\n');
        String filler = "the quick brown fox jumps over the lazy dog ";
        while (sb.length() < FILE_BYTES - 1) {
            sb.append(filler, 0, Math.min(filler.length(), FILE_BYTES - 1 - sb.length()));
        }
        sb.setLength(FILE_BYTES - 1);
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A zip of files 0..n-1 of {@code folder} at revision 0, in index order. */
    static byte[] zip(String folder, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 160 + 1024);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < n; i++) {
                String path = path(folder, i);
                zip.putNextEntry(new ZipEntry(path));
                zip.write(content(path, 0));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the zip of " + folder, e);
        }
        return out.toByteArray();
    }
}
