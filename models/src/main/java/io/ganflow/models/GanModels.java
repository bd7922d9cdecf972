package io.ganflow.models;

import io.ganflow.models.cgan.ConditionalGan;
import io.ganflow.models.dcgan.ConditionalDcgan;
import io.ganflow.models.dcgan.Dcgan;
import java.util.List;

/** Every model family, by the name runs use (see {@link io.ganflow.events.Catalog}). */
public final class GanModels {

    public static final List<GanModel> ALL = List.of(new ConditionalGan(), new Dcgan(), new ConditionalDcgan());

    private GanModels() {}

    public static GanModel named(String name) {
        return ALL.stream()
                .filter(model -> model.descriptor().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model family named " + name));
    }
}
