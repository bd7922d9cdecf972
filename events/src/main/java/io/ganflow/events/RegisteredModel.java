package io.ganflow.events;

/**
 * A model registered by name: the data set and model family its versions come from, and the policy (if any) by which
 * new checkpoints of its runs are promoted. Versions and aliases are kept beside it ({@link ModelVersion},
 * {@link AliasMove}).
 *
 * @param policy null when only operators move its aliases
 */
public record RegisteredModel(
        int version, String name, String dataset, String family, PromotionPolicy policy, long createdMillis) {

    public static final int VERSION = 1;

    public RegisteredModel {
        Fields.version(version, VERSION, "RegisteredModel");
        Ids.check(name, "name");
        Ids.check(dataset, "dataset");
        Fields.required(family, "family");
    }
}
