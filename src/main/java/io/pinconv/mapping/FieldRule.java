package io.pinconv.mapping;

/** Turns one raw segment value into what Pinterest expects for one field. Pure and stateless. */
@FunctionalInterface
public interface FieldRule {

    /** @param raw the value read from the segment, never null */
    FieldValue apply(Object raw, MappingContext context);
}
