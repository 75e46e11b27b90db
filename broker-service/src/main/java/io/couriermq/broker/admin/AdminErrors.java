package io.couriermq.broker.admin;

import io.couriermq.broker.core.consume.ConsumptionException;
import io.couriermq.store.StoreException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/** Turns admin failures into JSON errors with the HTTP status that fits; one place for every controller. */
@RestControllerAdvice
class AdminErrors {

    /** A resource the request names does not exist. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Map<String, String>> notFound(NotFound e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({IllegalArgumentException.class, MethodArgumentNotValidException.class})
    ResponseEntity<Map<String, String>> badRequest(Exception e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ConsumptionException.class)
    ResponseEntity<Map<String, String>> consumption(ConsumptionException e) {
        return error(e.reason() == ConsumptionException.Reason.TOPIC_NOT_FOUND
                || e.reason() == ConsumptionException.Reason.GROUP_NOT_FOUND
                ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(StoreException.class)
    ResponseEntity<Map<String, String>> store(StoreException e) {
        return error(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message == null ? status.getReasonPhrase() : message));
    }
}
