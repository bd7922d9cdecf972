package io.ganflow.sampler.synthetic;

import java.util.zip.ZipEntry;

/** ZIP entries with a fixed time, so that the same request gives the same archive bytes at any time. */
final class ZipEntries {

    private static final long FIXED_TIME = 315_532_800_000L; // 1980-01-01, the earliest time a ZIP can hold

    private ZipEntries() {}

    static ZipEntry named(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(FIXED_TIME);
        return entry;
    }
}
