package io.ganflow.store;

import io.ganflow.events.Placeholders;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Makes the object store, its checkpoints, run specs, quality records and data sets injectable in every Quarkus service. */
@ApplicationScoped
public class ObjectStoreProducer {

    private static final Logger LOG = Logger.getLogger(ObjectStoreProducer.class);

    /** As the service starts, whether or not it uses the store yet: a placeholder password stops it. */
    void refusePlaceholders(@Observes @Priority(0) StartupEvent started, ObjectStoreConfig config) {
        Placeholders.refuse("GAN_S3_SECRET_KEY (ganflow.store.secret-key)", config.secretKey());
    }

    @Produces
    @Singleton
    ObjectStore objectStore(ObjectStoreConfig config) {
        ObjectStore store = new ObjectStore(
                config.endpoint(), config.publicEndpoint(), config.accessKey(), config.secretKey(), config.bucket());
        try {
            store.ensureBucket();
        } catch (ObjectStoreException e) {
            // not fatal: the store may come up later, and writers retry
            LOG.warnf("object store not reachable at start-up: %s", e.getMessage());
        }
        return store;
    }

    @Produces
    @Singleton
    CheckpointStore checkpointStore(ObjectStore store) {
        return new CheckpointStore(store);
    }

    @Produces
    @Singleton
    DatasetStore datasetStore(ObjectStore store) {
        return new DatasetStore(store);
    }

    @Produces
    @Singleton
    RunSpecStore runSpecStore(ObjectStore store) {
        return new RunSpecStore(store);
    }

    @Produces
    @Singleton
    QualityStore qualityStore(ObjectStore store) {
        return new QualityStore(store);
    }

    @Produces
    @Singleton
    ModelRegistryStore modelRegistryStore(ObjectStore store) {
        return new ModelRegistryStore(store);
    }

    @Produces
    @Singleton
    StudyStore studyStore(ObjectStore store) {
        return new StudyStore(store);
    }
}
