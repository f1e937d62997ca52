package io.pinconv.segment;

/** A column of a segment as the database describes it. */
public record SegmentColumn(String name, String typeName) {}
