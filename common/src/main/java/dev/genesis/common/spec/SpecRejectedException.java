package dev.genesis.common.spec;

import dev.genesis.common.api.FieldError;
import java.util.List;

/** A run spec that cannot be accepted, with every reason found. */
public class SpecRejectedException extends RuntimeException {

    private final transient List<FieldError> errors;

    public SpecRejectedException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
