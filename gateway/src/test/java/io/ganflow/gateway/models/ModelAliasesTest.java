package io.ganflow.gateway.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.AliasMove;
import io.ganflow.store.ModelRegistryStore;
import io.ganflow.testing.LocalInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Where a replica thinks an alias points, when a move reached the store (the alias' history) but never the topic: it
 * is followed once the alias is checked again, never kept stale for good.
 */
class ModelAliasesTest {

    private static final ModelRegistryStore STORE =
            new ModelRegistryStore(LocalInfrastructure.store(LocalInfrastructure.unique("aliases-test")));

    @Test
    void aMoveThatWasStoredButNeverPublishedIsFollowedAtTheNextCheck() {
        String model = LocalInfrastructure.unique("stale");
        AliasMove first = move(model, 1, 1);
        STORE.save(first);
        AliasMove unpublished = move(model, 2, 2);

        ModelAliases checkedOften = new ModelAliases(STORE, Duration.ZERO);
        ModelAliases checkedRarely = new ModelAliases(STORE, Duration.ofHours(1));
        for (ModelAliases replica : new ModelAliases[] {checkedOften, checkedRarely}) {
            replica.onMove(first);
        }
        STORE.save(unpublished);

        assertEquals(1, checkedRarely.current(model, "production").orElseThrow().toVersion(), "until it checks again");
        assertEquals(2, checkedOften.current(model, "production").orElseThrow().toVersion());
        // a late or replayed record of an older move never moves it back
        checkedOften.onMove(first);
        assertEquals(2, checkedOften.current(model, "production").orElseThrow().toVersion());
    }

    @Test
    void anAliasThisReplicaHasNotHeardOfIsReadFromTheStore() {
        String model = LocalInfrastructure.unique("unheard");
        STORE.save(move(model, 1, 3));
        ModelAliases replica = new ModelAliases(STORE, Duration.ofHours(1));
        assertEquals(3, replica.current(model, "production").orElseThrow().toVersion());
        assertTrue(replica.current(model, "staging").isEmpty());
    }

    private static AliasMove move(String model, long number, int toVersion) {
        return new AliasMove(AliasMove.VERSION, model, "production", number, null, toVersion, "test", "", 0);
    }
}
