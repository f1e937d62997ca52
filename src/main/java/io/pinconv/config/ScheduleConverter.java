package io.pinconv.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Lets {@code schedule} be written as a single string as well as an object. */
@Component
@ConfigurationPropertiesBinding
public class ScheduleConverter implements Converter<String, ScheduleProperties> {

    @Override
    public ScheduleProperties convert(String source) {
        try {
            return ScheduleProperties.parse(source);
        } catch (IllegalArgumentException e) {
            // an unreadable interval is reported by the activation checks, with what to write instead
            return new ScheduleProperties(source, null, null);
        }
    }
}
