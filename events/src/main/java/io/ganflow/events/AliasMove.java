package io.ganflow.events;

/**
 * An alias of a registered model moved to a version: who moved it (an operator's key, or a promotion policy), why,
 * and from which version. The {@code model-aliases} topic is compacted by model and alias, so it keeps each alias'
 * latest move; the store keeps every move, the alias' history.
 *
 * @param move the alias' move number: 1 for its first, then one more for each; clients send it back in
 *     {@code If-Match} so that, of two moves at once, one wins
 * @param fromVersion the version it pointed to before, null for its first move
 */
public record AliasMove(
        int version,
        String model,
        String alias,
        long move,
        Integer fromVersion,
        int toVersion,
        String movedBy,
        String reason,
        long timeMillis) {

    public static final String TOPIC = "model-aliases";
    public static final int VERSION = 1;
    /** The alias a client gets when it names a model and no alias. */
    public static final String PRODUCTION = "production";

    public AliasMove {
        Fields.version(version, VERSION, "AliasMove");
        Ids.check(model, "model");
        Ids.check(alias, "alias");
        Fields.atLeast(move, 1, "move");
        Fields.atLeast(toVersion, 1, "toVersion");
        Fields.required(movedBy, "movedBy");
        reason = reason == null ? "" : reason;
    }

    /** The topic's key: one alias of one model. */
    public String key() {
        return model + "/" + alias;
    }
}
