package dev.genesis.coordinator.changesets;

import dev.genesis.common.api.FieldError;
import dev.genesis.common.spec.ResourcePaths;
import dev.genesis.coordinator.api.ProblemException;
import dev.genesis.coordinator.workspace.Origin;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns a request body into a {@link Changeset}, or a 400 problem naming every bad field. */
final class ChangesetValidator {

    private ChangesetValidator() {
    }

    static Changeset validated(ChangesetBody body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        required(errors, "runId", body.runId());
        required(errors, "taskId", body.taskId());
        required(errors, "holder", body.holder());
        required(errors, "leaseId", body.leaseId());
        if (body.token() == null || body.token() < 1) {
            errors.add(new FieldError("token", "must be the positive fencing token of the lease"));
        }
        if (body.attempt() != null && body.attempt() < 1) {
            errors.add(new FieldError("attempt", "must be at least 1"));
        }
        CommitMode mode = mode(body.mode(), errors);
        List<FileEdit> files = files(body.files(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid changeset", errors);
        }
        return new Changeset(new Origin(body.runId(), body.taskId(), body.attempt(), body.holder()), body.leaseId(),
                body.token(), mode, files);
    }

    private static CommitMode mode(String mode, List<FieldError> errors) {
        if (mode == null || mode.equals("lock")) {
            return CommitMode.LOCK;
        }
        if (mode.equals("merge")) {
            return CommitMode.MERGE;
        }
        errors.add(new FieldError("mode", "must be 'lock' or 'merge'"));
        return CommitMode.LOCK;
    }

    private static List<FileEdit> files(List<ChangesetBody.FileBody> files, List<FieldError> errors) {
        if (files == null || files.isEmpty()) {
            errors.add(new FieldError("files", "must list at least one file"));
            return List.of();
        }
        List<FileEdit> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            ChangesetBody.FileBody file = files.get(i);
            String field = "files[" + i + "]";
            if (file == null) {
                errors.add(new FieldError(field, "must not be null"));
                continue;
            }
            String path = path(file.path(), field + ".path", errors);
            if (path != null && !seen.add(path)) {
                errors.add(new FieldError(field + ".path", "appears more than once: " + path));
            }
            int base = file.baseVersion() == null ? 0 : file.baseVersion();
            if (base < 0) {
                errors.add(new FieldError(field + ".baseVersion", "must not be negative"));
            }
            byte[] content = null;
            if (!Boolean.TRUE.equals(file.deleted())) {
                content = content(file.content(), field + ".content", errors);
            }
            if (path != null) {
                out.add(new FileEdit(path, base, content));
            }
        }
        return out;
    }

    /** A normalized file path, or null after recording why it is not one. */
    static String path(String raw, String field, List<FieldError> errors) {
        String problem = ResourcePaths.problemWith(raw);
        if (problem == null && (ResourcePaths.normalize(raw).isEmpty() || ResourcePaths.isFolder(raw))) {
            problem = "must name a file inside the workspace, not a folder";
        }
        if (problem != null) {
            errors.add(new FieldError(field, problem));
            return null;
        }
        return ResourcePaths.normalize(raw);
    }

    private static byte[] content(String base64, String field, List<FieldError> errors) {
        if (base64 == null) {
            errors.add(new FieldError(field, "is required unless the file is deleted"));
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be base64: " + e.getMessage()));
            return new byte[0];
        }
    }

    private static void required(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (value.length() > 256) {
            errors.add(new FieldError(field, "must be at most 256 characters"));
        }
    }
}
