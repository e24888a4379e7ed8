package dev.genesis.common.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.genesis.common.api.FieldError;
import java.io.IOException;
import java.util.List;

/**
 * Reads a run spec from JSON or YAML bytes. Unknown fields and wrong types are rejected with
 * the path of the offending field, e.g. {@code tasks[3].priority}.
 */
public final class SpecParser {

    private static final ObjectMapper JSON = strict(new ObjectMapper());
    private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory()));

    private SpecParser() {
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** Parses JSON, or YAML when the media type or the content says so. */
    public static RunSpec parse(byte[] body, String mediaType) {
        if (body == null || body.length == 0) {
            throw new SpecRejectedException("the request body is empty", List.of(new FieldError("", "a run spec is required")));
        }
        boolean yaml = isYaml(mediaType, body);
        try {
            RunSpec spec = (yaml ? YAML : JSON).readValue(body, RunSpec.class);
            if (spec == null) {
                throw new SpecRejectedException("the request body is empty",
                        List.of(new FieldError("", "a run spec is required")));
            }
            return spec;
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException syntax) {
                throw malformed(yaml, syntax);
            }
            String field = pathOf(e);
            String reason = e instanceof UnrecognizedPropertyException u
                    ? "unknown field '" + u.getPropertyName() + "'"
                    : cleanMessage(e);
            throw new SpecRejectedException((field.isEmpty() ? "" : field + ": ") + reason,
                    List.of(new FieldError(field, reason)));
        } catch (JacksonException e) {
            throw malformed(yaml, e);
        } catch (IOException e) {
            throw new SpecRejectedException("unreadable body: " + e.getMessage(),
                    List.of(new FieldError("", "unreadable body")));
        }
    }

    private static SpecRejectedException malformed(boolean yaml, JacksonException e) {
        String reason = "malformed " + (yaml ? "YAML" : "JSON") + ": " + cleanMessage(e);
        return new SpecRejectedException(reason, List.of(new FieldError("", reason)));
    }

    private static boolean isYaml(String mediaType, byte[] body) {
        if (mediaType != null && mediaType.toLowerCase().contains("yaml")) {
            return true;
        }
        if (mediaType != null && mediaType.toLowerCase().contains("json")) {
            return false;
        }
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b != '{' && b != '[';
            }
        }
        return false;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }

    /** Jackson's first line, without its source excerpt and class names. */
    private static String cleanMessage(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "invalid value";
        }
        int newline = message.indexOf('\n');
        String first = newline > 0 ? message.substring(0, newline) : message;
        first = first.replaceAll("`[a-zA-Z0-9_.$]+\\.([A-Za-z0-9_$]+)`", "$1");
        var location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            first += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return first;
    }
}
