package io.ganflow.store;

import io.ganflow.events.Ids;
import io.ganflow.events.Json;
import io.ganflow.events.StudySpec;
import io.ganflow.events.StudyState;
import java.util.List;
import java.util.Optional;

/** Studies in the object store: {@code studies/ID/spec.json} (the request, planned) and {@code state.json}. */
public final class StudyStore {

    private static final String STUDIES = "studies/";

    private final ObjectStore store;

    public StudyStore(ObjectStore store) {
        this.store = store;
    }

    private static String prefix(String studyId) {
        return STUDIES + Ids.check(studyId, "studyId") + "/";
    }

    public void save(StudySpec spec) {
        store.put(prefix(spec.studyId()) + "spec.json", Json.writeBytes(spec), "application/json");
    }

    public Optional<StudySpec> spec(String studyId) {
        return store.get(prefix(studyId) + "spec.json").map(bytes -> Json.read(bytes, StudySpec.class));
    }

    public void save(StudyState state) {
        store.put(prefix(state.studyId()) + "state.json", Json.writeBytes(state), "application/json");
    }

    public Optional<StudyState> state(String studyId) {
        return store.get(prefix(studyId) + "state.json").map(bytes -> Json.read(bytes, StudyState.class));
    }

    /** Every study's id, in name order. */
    public List<String> studyIds() {
        return store.listFolders(STUDIES).stream()
                .map(folder -> folder.substring(STUDIES.length(), folder.length() - 1))
                .filter(Ids::isValid)
                .sorted()
                .toList();
    }
}
