package dev.genesis.coordinator.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.genesis.common.testing.GenesisTestServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class ArchiveApiTest {

    private final String ns = "zip-" + UUID.randomUUID() + "/";

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                out.put(entry.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    @Test
    void anImportedZipComesBackByteForByteFromTheExport() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ns + "README.md", "# hi\r\n".getBytes(StandardCharsets.UTF_8));
        files.put(ns + "src/main.bin", new byte[] {0, (byte) 0xff, 10, 13, 0});
        files.put(ns + "src/deep/empty.txt", new byte[0]);
        given().contentType("text/plain").body("old").when().put("/api/workspace/files/" + ns + "README.md")
                .then().statusCode(200);

        given().contentType("application/zip").body(zip(files)).when().post("/api/workspace/import").then()
                .statusCode(200).body("files.size()", equalTo(3))
                .body("files.find { it.path == '" + ns + "README.md' }.version", equalTo(2));

        byte[] exported = given().queryParam("prefix", ns).when().get("/api/workspace/export").then()
                .statusCode(200).contentType("application/zip").extract().asByteArray();
        Map<String, byte[]> back = unzip(exported);
        assertThat(back.keySet()).containsExactlyInAnyOrderElementsOf(files.keySet());
        files.forEach((path, bytes) -> assertThat(back.get(path)).as(path).isEqualTo(bytes));
        // the whole-workspace export holds them too
        assertThat(unzip(given().when().get("/api/workspace/export").then().statusCode(200).extract().asByteArray()))
                .containsKeys(files.keySet().toArray(String[]::new));
    }

    @Test
    void anEntryThatClimbsOutIsRefusedByNameAndNothingIsImported() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ns + "fine.txt", new byte[] {1});
        files.put(ns + "../../etc/passwd", new byte[] {2});

        given().contentType("application/zip").body(zip(files)).when().post("/api/workspace/import").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(ns + "../../etc/passwd"))
                .body("errors[0].field", equalTo(ns + "../../etc/passwd"));
        given().contentType("application/zip").body(zip(Map.of("/abs.txt", new byte[] {1})))
                .when().post("/api/workspace/import").then().statusCode(400).body("detail", containsString("/abs.txt"));
        given().when().get("/api/workspace/files/" + ns + "fine.txt").then().statusCode(404);
    }
}
