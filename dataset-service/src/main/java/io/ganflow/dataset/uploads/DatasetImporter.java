package io.ganflow.dataset.uploads;

import io.ganflow.dataset.config.DatasetConfig;
import io.ganflow.dataset.folders.ImageFolders;
import io.ganflow.dataset.idx.DatasetFormatException;
import io.ganflow.dataset.idx.LabelledImages;
import io.ganflow.events.DatasetInfo;
import io.ganflow.events.UploadedDataset;
import io.ganflow.store.DatasetStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Turns an uploaded archive of image folders (one folder per class) that the gateway put in the object store into
 * a data set runs can train on: unpacked, every image decoded and resized to the chosen shape, and stored as pixels
 * and labels with a manifest. Files that are not readable images are skipped and listed; an archive with no
 * readable image at all is refused.
 */
@ApplicationScoped
public class DatasetImporter {

    private static final Logger LOG = Logger.getLogger(DatasetImporter.class);
    /** Labels are stored as one byte each. */
    static final int MAX_CLASSES = 256;
    /** The manifest lists this many skipped files and counts the rest. */
    static final int MAX_SKIPPED_LISTED = 100;

    private final DatasetStore datasets;

    private final DatasetConfig config;

    public DatasetImporter(DatasetStore datasets, DatasetConfig config) {
        this.datasets = datasets;
        this.config = config;
    }

    /**
     * Imports the archive uploaded as {@code name}, read from the store into a temporary file (never held in
     * memory), unpacked and decoded; throws {@link DatasetFormatException} naming what makes it unusable.
     */
    public DatasetInfo importUpload(String name, int channels, int side) {
        Path temporary = createTemporaryFolder();
        try {
            Path archive = temporary.resolve("upload.archive");
            if (!datasets.archiveToFile(name, archive)) {
                throw new NoSuchElementException("no uploaded archive for data set " + name);
            }
            ArchiveExtractor.Extracted extracted =
                    ArchiveExtractor.extract(archive, temporary.resolve("unpacked"), ArchiveExtractor.Budget.DEFAULT);
            ImageFolders.Result read = ImageFolders.read(
                    extracted.root(), name, channels, side, config.uploads().maxPixelBytes());
            read = read.withSkipped(extracted.skipped());
            if (read.classes().size() > MAX_CLASSES) {
                throw new DatasetFormatException(
                        "the archive has " + read.classes().size() + " class folders; at most " + MAX_CLASSES);
            }
            UploadedDataset stored =
                    datasets.save(describe(name, read), read.images().pixels(), labels(read.images()));
            LOG.infof(
                    "data set %s imported: %d images of %dx%dx%d in %d classes, %d files skipped",
                    name,
                    stored.images(),
                    side,
                    side,
                    channels,
                    stored.classes().size(),
                    read.skipped().size());
            return DatasetInfo.of(stored);
        } finally {
            deleteRecursively(temporary);
        }
    }

    private static UploadedDataset describe(String name, ImageFolders.Result read) {
        LabelledImages images = read.images();
        List<Integer> counts = new ArrayList<>();
        for (int label = 0; label < read.classes().size(); label++) {
            counts.add(0);
        }
        for (int label : images.labels()) {
            counts.set(label, counts.get(label) + 1);
        }
        List<String> skipped = new ArrayList<>(
                read.skipped().stream().limit(MAX_SKIPPED_LISTED).toList());
        if (read.skipped().size() > MAX_SKIPPED_LISTED) {
            skipped.add("... and " + (read.skipped().size() - MAX_SKIPPED_LISTED) + " more");
        }
        return new UploadedDataset(
                UploadedDataset.VERSION,
                name,
                images.channels(),
                images.height(),
                read.classes(),
                counts,
                skipped,
                0,
                null,
                null,
                0,
                UploadedDataset.HELD_OUT_EVERY);
    }

    private static byte[] labels(LabelledImages images) {
        byte[] labels = new byte[images.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) images.labels()[i];
        }
        return labels;
    }

    private static Path createTemporaryFolder() {
        try {
            return Files.createTempDirectory("ganflow-upload-");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary folder for the upload", e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", root, e.getMessage());
        }
    }
}
