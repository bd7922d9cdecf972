package io.ganflow.gateway.http;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.ganflow.events.CheckpointManifest;
import io.ganflow.gateway.quality.CheckpointQualities;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/** A checkpoint's step, or {@code best}: the stored checkpoint with the lowest FCD. */
@Documented
@Constraint(validatedBy = StepOrBest.Check.class)
@Target(PARAMETER)
@Retention(RUNTIME)
public @interface StepOrBest {

    String message() default "must be 'best' or a whole number from 0 to " + CheckpointManifest.MAX_STEP;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<StepOrBest, String> {

        private static final Pattern STEP = Pattern.compile("[0-9]{1,19}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || CheckpointQualities.BEST.equals(value)) {
                return true;
            }
            if (!STEP.matcher(value).matches()) {
                return false;
            }
            try {
                return Long.parseLong(value) <= CheckpointManifest.MAX_STEP;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
