package io.ganflow.store;

import io.ganflow.events.AliasMove;
import io.ganflow.events.Ids;
import io.ganflow.events.Json;
import io.ganflow.events.ModelVersion;
import io.ganflow.events.RegisteredModel;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Registered models in the object store: each model's record, its versions and every move of its aliases (their
 * history). Numbers are zero-padded in keys, so that key order is number order.
 */
public final class ModelRegistryStore {

    private static final String MODELS = "models/";

    private final ObjectStore store;

    public ModelRegistryStore(ObjectStore store) {
        this.store = store;
    }

    private static String prefix(String model) {
        return MODELS + Ids.check(model, "model") + "/";
    }

    public void save(RegisteredModel model) {
        store.put(prefix(model.name()) + "model.json", Json.writeBytes(model), "application/json");
    }

    public Optional<RegisteredModel> model(String name) {
        return store.get(prefix(name) + "model.json").map(bytes -> Json.read(bytes, RegisteredModel.class));
    }

    public List<RegisteredModel> models() {
        return store.listFolders(MODELS).stream()
                .map(folder -> folder.substring(MODELS.length(), folder.length() - 1))
                .filter(Ids::isValid)
                .map(this::model)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(RegisteredModel::name))
                .toList();
    }

    private static String versionKey(String model, int number) {
        return prefix(model) + "versions/" + String.format("%06d", number) + ".json";
    }

    public void save(ModelVersion version) {
        store.put(versionKey(version.model(), version.number()), Json.writeBytes(version), "application/json");
    }

    public Optional<ModelVersion> version(String model, int number) {
        return store.get(versionKey(model, number)).map(bytes -> Json.read(bytes, ModelVersion.class));
    }

    /** The version the alias points to now, as the store has it (it is written before the topic). */
    public Optional<ModelVersion> versionAt(String model, String alias) {
        return latestMove(model, alias).flatMap(move -> version(model, move.toVersion()));
    }

    /** The model's versions, oldest first. */
    public List<ModelVersion> versions(String model) {
        return store.list(prefix(model) + "versions/").stream()
                .sorted()
                .map(key -> store.get(key).map(bytes -> Json.read(bytes, ModelVersion.class)))
                .flatMap(Optional::stream)
                .toList();
    }

    public void save(AliasMove move) {
        store.put(
                prefix(move.model()) + "aliases/" + Ids.check(move.alias(), "alias") + "/"
                        + String.format("%010d", move.move()) + ".json",
                Json.writeBytes(move),
                "application/json");
    }

    /** Every move of the alias, oldest first: its history. */
    public List<AliasMove> moves(String model, String alias) {
        return store.list(prefix(model) + "aliases/" + Ids.check(alias, "alias") + "/").stream()
                .sorted()
                .map(key -> store.get(key).map(bytes -> Json.read(bytes, AliasMove.class)))
                .flatMap(Optional::stream)
                .toList();
    }

    /** The alias' latest move, read alone (its key sorts last). */
    public Optional<AliasMove> latestMove(String model, String alias) {
        return store.list(prefix(model) + "aliases/" + Ids.check(alias, "alias") + "/").stream()
                .max(Comparator.naturalOrder())
                .flatMap(store::get)
                .map(bytes -> Json.read(bytes, AliasMove.class));
    }

    /** Each alias of the model with its latest move. */
    public Map<String, AliasMove> aliases(String model) {
        return store.listFolders(prefix(model) + "aliases/").stream()
                .map(folder -> folder.substring((prefix(model) + "aliases/").length(), folder.length() - 1))
                .filter(Ids::isValid)
                .map(alias -> moves(model, alias))
                .filter(moves -> !moves.isEmpty())
                .map(moves -> moves.get(moves.size() - 1))
                .collect(Collectors.toMap(AliasMove::alias, Function.identity()));
    }
}
