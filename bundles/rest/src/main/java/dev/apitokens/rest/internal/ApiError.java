package dev.apitokens.rest.internal;

/**
 * A request the API refuses with a status and a message fit for the client. Thrown by the handlers and written
 * as {@code {"message": ...}} by the servlet, so a refusal never becomes a stack trace.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }
}
