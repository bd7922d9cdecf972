package io.ganflow.dataset.uploads;

import java.nio.file.Path;

/** The package-private extractor, for tests in other packages. */
public final class ArchiveExtractorAccess {

    private ArchiveExtractorAccess() {}

    public static void extract(Path archive, Path target) {
        ArchiveExtractor.extract(archive, target, ArchiveExtractor.Budget.DEFAULT);
    }
}
