package io.rpik8s.commons.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A string of a request body holds a control character; the message is the reason, for the field Jackson names. */
public class ControlCharacterException extends JsonMappingException {

    private final String reason;

    ControlCharacterException(JsonParser parser, String reason) {
        super(parser, reason);
        this.reason = reason;
    }

    /** Why the value was refused, without its location. */
    public String reason() {
        return reason;
    }
}
