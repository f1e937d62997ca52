package io.pinconv.activation;

/**
 * An operator resumed a destination after its connection test passed (DestinationResumes): its pause is cleared,
 * and its circuit breaker is to be closed (delivery.DestinationBreakers listens).
 */
public record DestinationResumed(String destinationId) {}
