package io.couriermq.client;

import apache.rocketmq.v2.Code;

/**
 * A failed client operation. {@link #code()} is the v2 protocol's status code number ({@code apache.rocketmq.v2.Code}),
 * as the server answered it or as the client decided it when it refused the input itself (an empty body is
 * {@code MESSAGE_BODY_EMPTY} either way). It is {@link #NO_STATUS} when no server status exists: the connection
 * failed or the request timed out, and {@link #getCause()} says how.
 */
public class ClientException extends RuntimeException {

    /** The code of failures that carry no v2 status (transport errors, timeouts). */
    public static final int NO_STATUS = Code.CODE_UNSPECIFIED_VALUE;

    private final int code;
    private final String serverMessage;

    public ClientException(int code, String message) {
        this(code, message, null);
    }

    public ClientException(int code, String message, Throwable cause) {
        super(describe(code, message), cause);
        this.code = code;
        this.serverMessage = message;
    }

    /** The v2 status code number, e.g. 41302 for MESSAGE_BODY_EMPTY; {@link #NO_STATUS} for transport failures. */
    public int code() {
        return code;
    }

    /** The status message without the code prefix. */
    public String serverMessage() {
        return serverMessage;
    }

    private static String describe(int code, String message) {
        Code known = Code.forNumber(code);
        String name = known == null ? "UNKNOWN" : known.name();
        return code == NO_STATUS ? message : name + " (" + code + "): " + message;
    }
}
