package io.ganflow.gateway.http;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.ganflow.events.Ids;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The id of a run, data set or job ({@link Ids}): nothing else ever becomes part of an object key, so a value such as
 * {@code ../../datasets/x} is a 400, never a path.
 */
@Documented
@Constraint(validatedBy = ResourceId.Check.class)
@Target(PARAMETER)
@Retention(RUNTIME)
public @interface ResourceId {

    String message() default "must be " + Ids.RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<ResourceId, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Ids.isValid(value);
        }
    }
}
