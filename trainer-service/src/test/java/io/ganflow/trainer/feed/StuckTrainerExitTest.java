package io.ganflow.trainer.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StuckTrainerExitTest {

    private final List<Integer> exits = new ArrayList<>();

    @Test
    void aTrainerWhoseTrainingThreadIsGoneOrStuckExitsToBeRestarted() {
        StuckTrainerExit.check(() -> false, () -> false, exits::add);
        assertEquals(List.of(StuckTrainerExit.EXIT_CODE), exits);
    }

    @Test
    void aTrainingThreadThatPollsKeepsTheTrainerRunning() {
        StuckTrainerExit.check(() -> true, () -> false, exits::add);
        assertEquals(List.of(), exits);
    }

    @Test
    void aTrainerThatIsStoppingIsLeftToFinishItsHandOver() {
        StuckTrainerExit.check(() -> false, () -> true, exits::add);
        assertEquals(List.of(), exits);
    }
}
