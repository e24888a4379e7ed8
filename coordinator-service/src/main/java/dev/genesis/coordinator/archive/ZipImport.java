package dev.genesis.coordinator.archive;

import dev.genesis.common.api.FieldError;
import dev.genesis.common.spec.ResourcePaths;
import dev.genesis.coordinator.api.ProblemException;
import dev.genesis.coordinator.changesets.FileEdit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a zip into file edits. Every entry name must be a valid workspace path: an entry that
 * climbs out with {@code ..} or is absolute is refused with a 400 naming it, and nothing is imported.
 */
final class ZipImport {

    private ZipImport() {
    }

    static List<FileEdit> read(byte[] zip, long maxBytes) {
        List<FileEdit> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                String path = checked(entry.getName());
                if (!seen.add(path)) {
                    throw invalid(entry.getName(), "appears more than once in the archive");
                }
                byte[] bytes = readCapped(in, maxBytes - total, entry.getName());
                total += bytes.length;
                files.add(new FileEdit(path, 0, bytes));
            }
        } catch (IOException e) {
            throw ProblemException.badRequest("the body is not a readable zip archive: " + e.getMessage(),
                    List.of(new FieldError("body", "must be a zip archive")));
        }
        if (files.isEmpty()) {
            throw ProblemException.badRequest("the archive holds no files",
                    List.of(new FieldError("body", "must be a zip archive with at least one file")));
        }
        return files;
    }

    private static String checked(String name) {
        String problem = ResourcePaths.problemWith(name);
        if (problem == null && ResourcePaths.normalize(name).isEmpty()) {
            problem = "must name a file inside the workspace";
        }
        if (problem != null) {
            throw invalid(name, problem);
        }
        return ResourcePaths.normalize(name);
    }

    /** Reads an entry, counting the bytes actually unpacked: the sizes a zip declares can lie. */
    private static byte[] readCapped(InputStream in, long remaining, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > remaining) {
                throw invalid(name, "the archive unpacks to more than the import limit");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static ProblemException invalid(String entry, String problem) {
        return ProblemException.badRequest("invalid archive entry '" + entry + "': " + problem,
                List.of(new FieldError(entry, problem)));
    }
}
