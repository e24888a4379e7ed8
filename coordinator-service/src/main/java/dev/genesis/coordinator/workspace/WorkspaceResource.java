package dev.genesis.coordinator.workspace;

import dev.genesis.common.api.FieldError;
import dev.genesis.common.spec.ResourcePaths;
import dev.genesis.coordinator.api.ProblemException;
import dev.genesis.coordinator.locks.LockManager;
import dev.genesis.coordinator.locks.LockUnavailableException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * The shared workspace: raw bytes in and out, every write a new version. A write that carries a
 * fencing token is refused when a newer lock grant covers the path, so a holder whose lease was
 * lost (paused, partitioned, declared dead) cannot overwrite its successor's work.
 */
@Path("/api/workspace/files")
public class WorkspaceResource {

    public static final String LEASE_HEADER = "X-Genesis-Lease";
    public static final String TOKEN_HEADER = "X-Genesis-Fencing-Token";
    public static final String HOLDER_HEADER = "X-Genesis-Holder";
    public static final String VERSION_HEADER = "X-Genesis-Version";

    private final WorkspaceStore store;
    private final LockManager locks;

    public WorkspaceResource(WorkspaceStore store, LockManager locks) {
        this.store = store;
        this.locks = locks;
    }

    /** Every file, or those whose path starts with {@code prefix} (e.g. {@code src/} for a folder). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<FileEntry> list(@QueryParam("prefix") String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return store.list();
        }
        String problem = ResourcePaths.problemWith(prefix);
        if (problem != null) {
            throw ProblemException.badRequest("invalid prefix", List.of(new FieldError("prefix", problem)));
        }
        return store.list(ResourcePaths.normalize(prefix));
    }

    @GET
    @Path("/{path: .+}")
    public Response read(@PathParam("path") String rawPath, @QueryParam("version") Integer version) {
        String path = checked(rawPath);
        FileContent file = store.get(path, version).orElseThrow(() -> ProblemException.notFound(
                "no file " + path + (version == null ? "" : " at version " + version)));
        return Response.ok(file.bytes(), MediaType.APPLICATION_OCTET_STREAM)
                .header(VERSION_HEADER, file.version())
                .header("ETag", "\"" + file.version() + "\"")
                .build();
    }

    @PUT
    @Path("/{path: .+}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public FileEntry write(@PathParam("path") String rawPath, byte[] body,
            @HeaderParam(LEASE_HEADER) String leaseId,
            @HeaderParam(TOKEN_HEADER) String token,
            @HeaderParam(HOLDER_HEADER) String holder,
            @HeaderParam("If-Match") String ifMatch, @Context UriInfo uri) {
        String path = checked(rawPath);
        // The router drops a trailing '/' from the path parameter, so look at the request itself.
        if (ResourcePaths.isFolder(path) || uri.getPath().endsWith("/")) {
            throw ProblemException.badRequest("a folder cannot be written",
                    List.of(new FieldError("path", "must name a file, not a folder")));
        }
        Integer expected = ifMatch == null ? null : version(ifMatch.replace("\"", ""));
        if (token != null) {
            checkFence(path, number(TOKEN_HEADER, token), leaseId);
        }
        try {
            return store.put(path, body == null ? new byte[0] : body, holder, expected);
        } catch (VersionMismatchException e) {
            throw new ProblemException(412, "Version mismatch", e.getMessage());
        }
    }

    private void checkFence(String path, long token, String leaseId) {
        long newest;
        try {
            newest = locks.newestToken(path);
        } catch (LockUnavailableException e) {
            // Without the fence the write cannot be proven safe, so it does not land.
            throw new ProblemException(503, "Lock store unavailable", "cannot check the fencing token: " + e.getMessage());
        }
        if (token < newest) {
            throw new ProblemException(409, "Stale fencing token", "token " + token
                    + (leaseId == null ? "" : " of lease " + leaseId) + " is older than " + newest
                    + ", the newest grant on " + path);
        }
    }

    /** The normalized file path, or a 400 problem when it is not a valid workspace file path. */
    public static String checked(String rawPath) {
        String problem = ResourcePaths.problemWith(rawPath);
        String path = problem == null ? ResourcePaths.normalize(rawPath) : null;
        if (problem == null && path.isEmpty()) {
            problem = "must name a file inside the workspace";
        }
        if (problem != null) {
            throw ProblemException.badRequest("invalid path", List.of(new FieldError("path", problem)));
        }
        return path;
    }

    private static int version(String value) {
        long version = number("If-Match", value);
        if (version < 0 || version > Integer.MAX_VALUE) {
            throw ProblemException.badRequest("invalid If-Match",
                    List.of(new FieldError("If-Match", "must be a version number")));
        }
        return (int) version;
    }

    private static long number(String header, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid " + header,
                    List.of(new FieldError(header, "must be a whole number, got '" + value + "'")));
        }
    }
}
