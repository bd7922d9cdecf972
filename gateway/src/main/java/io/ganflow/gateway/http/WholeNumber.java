package io.ganflow.gateway.http;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A whole number from {@link #min} to {@link #max}. A value that is not a whole number at all never reaches the
 * resource: {@link ParameterChecks} refuses it with this constraint's words.
 */
@Documented
@Constraint(validatedBy = WholeNumber.Check.class)
@Target({PARAMETER, FIELD, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface WholeNumber {

    long min() default Long.MIN_VALUE;

    long max() default Long.MAX_VALUE;

    String message() default "must be a whole number from {min} to {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<WholeNumber, Number> {

        private long min;
        private long max;

        @Override
        public void initialize(WholeNumber constraint) {
            min = constraint.min();
            max = constraint.max();
        }

        @Override
        public boolean isValid(Number value, ConstraintValidatorContext context) {
            return value == null || (value.longValue() >= min && value.longValue() <= max);
        }
    }
}
