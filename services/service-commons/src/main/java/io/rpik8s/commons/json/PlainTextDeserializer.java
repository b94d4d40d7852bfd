package io.rpik8s.commons.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;

/**
 * Reads a JSON string as Jackson does, then refuses it when it holds a control character other than tab, line feed and
 * carriage return (the ones free text may hold).
 */
final class PlainTextDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return checked(super.deserialize(p, ctxt), p);
    }

    static String checked(String value, JsonParser p) throws ControlCharacterException {
        int bad = firstControlCharacter(value);
        if (bad >= 0) {
            throw new ControlCharacterException(p, String.format(
                    "must not contain control characters (U+%04X at position %d)", (int) value.charAt(bad), bad));
        }
        return value;
    }

    /** The index of the first control character other than tab, line feed and carriage return, or -1. */
    static int firstControlCharacter(String value) {
        if (value == null) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }

    /** The same refusal for an object key ({@code labels}, {@code headers}). */
    static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return checked(key, ctxt.getParser());
        }
    }
}
