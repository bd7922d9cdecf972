package io.ganflow.models.numerics;

import io.ganflow.events.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Choices of kernels kept in a folder, one file per machine fingerprint, so that the next process on the same
 * machine checks one candidate instead of timing all. A file that cannot be read or written is as good as none.
 */
public final class RememberedChoices {

    /** What one file holds. */
    public record Remembered(String kernels, String machine, List<String> trials) {}

    private final Path folder;

    public RememberedChoices(Path folder) {
        this.folder = folder;
    }

    public Optional<ConvolutionKernels> recall(MachineFingerprint machine) {
        Path file = file(machine);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 64 * 1024) {
                return Optional.empty();
            }
            return ConvolutionKernels.byId(
                    Json.read(Files.readAllBytes(file), Remembered.class).kernels());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Returns false when the folder cannot take it (read-only, full): the choice is then made again next time. */
    public boolean remember(MachineFingerprint machine, NumericsSelection.Choice choice) {
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, machine.hash(), ".tmp");
            List<String> trials = choice.trials().stream()
                    .map(NumericsSelection.Trial::summary)
                    .toList();
            Files.write(
                    temporary, Json.writeBytes(new Remembered(choice.kernels().id(), machine.description(), trials)));
            try {
                Files.move(
                        temporary, file(machine), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file(machine), StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Path file(MachineFingerprint machine) {
        return folder.resolve("numerics-" + machine.hash() + ".json");
    }
}
