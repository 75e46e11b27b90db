package io.couriermq.broker.grpc;

import apache.rocketmq.v2.Code;

/** A request the protocol layer itself refuses (a missing or out-of-range field), with the v2 code for it. */
final class V2RequestException extends RuntimeException {

    private final Code code;

    V2RequestException(Code code, String message) {
        super(message);
        this.code = code;
    }

    Code code() {
        return code;
    }
}
