package io.pinconv.routes;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a class a route file unmarshals into lets the document choose the classes it becomes: a type id
 * ({@code @JsonTypeInfo}, {@code @JsonSubTypes}) on it or on any class it holds, or a field of type Object
 * (which default typing would fill with any class). Classes are loaded without being initialised: no code runs.
 */
final class UnmarshalTypes {

    /** The package of Pinterest's answers: the only classes a route file may unmarshal into. */
    static final String PACKAGE = "io.pinconv.pinterest.";

    private UnmarshalTypes() {}

    /** Why the class is refused, or null when it is plain. */
    static String polymorphism(String className) {
        Class<?> c;
        try {
            c = Class.forName(className, false, UnmarshalTypes.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "no such class in the service";
        }
        return check(c, new HashSet<>());
    }

    private static String check(Class<?> c, Set<Class<?>> seen) {
        if (!seen.add(c) || !c.getName().startsWith("io.pinconv.")) {
            return null;
        }
        if (c.isAnnotationPresent(JsonTypeInfo.class) || c.isAnnotationPresent(JsonSubTypes.class)) {
            return c.getSimpleName()
                    + " carries a polymorphic type id (@JsonTypeInfo/@JsonSubTypes): the answer would choose its classes";
        }
        for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            if (f.isAnnotationPresent(JsonTypeInfo.class) || f.isAnnotationPresent(JsonSubTypes.class)) {
                return c.getSimpleName() + "." + f.getName()
                        + " carries a polymorphic type id (@JsonTypeInfo/@JsonSubTypes)";
            }
            if (f.getType() == Object.class) {
                return c.getSimpleName() + "." + f.getName() + " is typed Object: the answer would choose its class";
            }
            String inner = checkType(f.getGenericType(), seen);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static String checkType(Type t, Set<Class<?>> seen) {
        if (t instanceof Class<?> c) {
            return check(c, seen);
        }
        if (t instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                if (arg == Object.class) {
                    return "it holds a collection of Object: the answer would choose the classes in it";
                }
                String inner = checkType(arg, seen);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}
