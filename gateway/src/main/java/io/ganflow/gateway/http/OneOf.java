package io.ganflow.gateway.http;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Arrays;

/** One of a few whole numbers. */
@Documented
@Constraint(validatedBy = OneOf.Check.class)
@Target(PARAMETER)
@Retention(RUNTIME)
public @interface OneOf {

    long[] value();

    String message() default "must be one of {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<OneOf, Number> {

        private long[] allowed;

        @Override
        public void initialize(OneOf constraint) {
            allowed = constraint.value();
        }

        @Override
        public boolean isValid(Number value, ConstraintValidatorContext context) {
            return value == null || Arrays.stream(allowed).anyMatch(number -> number == value.longValue());
        }
    }
}
