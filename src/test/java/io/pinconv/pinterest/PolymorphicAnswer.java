package io.pinconv.pinterest;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** An answer class that lets the document name its classes: RouteModelCheckTest checks route files may not unmarshal into it. */
public record PolymorphicAnswer(List<Part> parts) {

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    public interface Part {}
}
