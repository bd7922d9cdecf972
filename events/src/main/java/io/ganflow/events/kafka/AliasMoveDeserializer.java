package io.ganflow.events.kafka;

import io.ganflow.events.AliasMove;

public final class AliasMoveDeserializer extends EventDeserializer<AliasMove> {

    public AliasMoveDeserializer() {
        super(AliasMove.class);
    }
}
