package io.couriermq.broker.grpc;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.Status;

/** Builds the {@link Status} every v2 response carries. */
final class V2Status {

    static final Status OK = of(Code.OK, "OK");

    private V2Status() {
    }

    static Status of(Code code, String message) {
        return Status.newBuilder().setCode(code).setMessage(message == null ? code.name() : message).build();
    }
}
