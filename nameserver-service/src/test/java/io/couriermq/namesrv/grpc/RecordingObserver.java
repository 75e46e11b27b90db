package io.couriermq.namesrv.grpc;

import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;

/** Collects what a service sends, for calling service methods directly without a server. */
final class RecordingObserver<T> implements StreamObserver<T> {

    final List<T> values = new ArrayList<>();
    Throwable error;
    boolean completed;

    @Override
    public void onNext(T value) {
        values.add(value);
    }

    @Override
    public void onError(Throwable t) {
        error = t;
    }

    @Override
    public void onCompleted() {
        completed = true;
    }

    /** The single response of a completed call. */
    T single() {
        if (error != null || !completed || values.size() != 1) {
            throw new AssertionError("expected one response and completion, got " + values + " error=" + error
                    + " completed=" + completed);
        }
        return values.get(0);
    }
}
