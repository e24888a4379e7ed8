package dev.genesis.coordinator.archive;

import dev.genesis.common.api.FieldError;
import dev.genesis.common.spec.ResourcePaths;
import dev.genesis.coordinator.api.ProblemException;
import dev.genesis.coordinator.changesets.Changeset;
import dev.genesis.coordinator.changesets.ChangesetResult;
import dev.genesis.coordinator.changesets.ChangesetService;
import dev.genesis.coordinator.changesets.CommitMode;
import dev.genesis.coordinator.config.CoordinatorConfig;
import dev.genesis.coordinator.workspace.FileContent;
import dev.genesis.coordinator.workspace.FileEntry;
import dev.genesis.coordinator.workspace.Origin;
import dev.genesis.coordinator.workspace.WorkspaceStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The workspace as a zip: import one as a single changeset (snapshot first), export the current files. */
@Path("/api/workspace")
public class ArchiveResource {

    static final String ZIP = "application/zip";

    private final ChangesetService changesets;
    private final WorkspaceStore store;
    private final CoordinatorConfig config;

    public ArchiveResource(ChangesetService changesets, WorkspaceStore store, CoordinatorConfig config) {
        this.changesets = changesets;
        this.store = store;
        this.config = config;
    }

    /** Every file of the archive becomes a new version, all in one changeset. */
    @POST
    @Path("/import")
    @Consumes(ZIP)
    @Produces(MediaType.APPLICATION_JSON)
    public ChangesetResult importZip(byte[] body, @HeaderParam("X-Genesis-Holder") String holder) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("a zip body is required", List.of(new FieldError("body", "is empty")));
        }
        String who = holder == null || holder.isBlank() ? "import" : holder;
        return changesets.commitUnfenced(new Changeset(Origin.operator(who), null, 0, CommitMode.IMPORT,
                ZipImport.read(body, config.maxImportBytes())));
    }

    /** The current files (those under {@code prefix} if given) at their current versions. */
    @GET
    @Path("/export")
    @Produces(ZIP)
    public Response exportZip(@QueryParam("prefix") String prefix) {
        String start = prefix == null || prefix.isEmpty() ? "" : checkedPrefix(prefix);
        List<FileEntry> files = store.list(start);
        StreamingOutput zip = out -> {
            try (ZipOutputStream stream = new ZipOutputStream(out)) {
                for (FileEntry file : files) {
                    Optional<FileContent> content = store.get(file.path(), file.version());
                    if (content.isPresent()) {
                        stream.putNextEntry(new ZipEntry(file.path()));
                        stream.write(content.get().bytes());
                        stream.closeEntry();
                    }
                }
            }
        };
        return Response.ok(zip, ZIP).header("Content-Disposition", "attachment; filename=\"workspace.zip\"").build();
    }

    private static String checkedPrefix(String prefix) {
        String problem = ResourcePaths.problemWith(prefix);
        if (problem != null) {
            throw ProblemException.badRequest("invalid prefix", List.of(new FieldError("prefix", problem)));
        }
        return ResourcePaths.normalize(prefix);
    }
}
